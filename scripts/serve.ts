/**
 * The production web server that `npm start` runs (started by scripts/run.ts once the database is
 * ready): Next.js for every page and route, except the webhook deliveries, which go the lean lane of
 * scripts/lib/webhook-lane.ts to the very same route handlers.
 */
import http from "node:http";
import next from "next";
import { appRequestListener } from "./lib/request-listener";

const port = Number(process.env.PORT ?? 3000);
const app = next({ dev: false, dir: process.cwd(), port });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer(appRequestListener(handle));
server.listen(port, () => console.log(`▲ Next.js production server on http://localhost:${port}`));

async function shutdown() {
  server.close();
  server.closeIdleConnections();
  await app.close();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown());
process.on("SIGTERM", () => void shutdown());
