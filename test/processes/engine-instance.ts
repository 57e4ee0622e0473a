// A second app instance for tests: serves its own /api/inngest on a loopback port, syncs it with the embedded engine
// (in the database DATABASE_URL names) and ticks the engine until stopped. Prints "ready" once synced.
import { GET, POST, PUT } from "@/app/api/inngest/route";
import { syncApp } from "@/inngest/engine/sync";
import { tickEngine } from "@/inngest/engine/tick";
import { startRouteServer } from "@/test/loopback/route-server";

const server = await startRouteServer({ "/api/inngest": { GET, POST, PUT } });
await syncApp(`${server.url}/api/inngest`);
process.stdout.write("ready\n");

let running = true;
process.on("SIGTERM", () => {
  running = false;
});
while (running) {
  // A clock a minute ahead, as drainEngine's: debounce periods are over at once; crons stay off.
  const { runsDriven } = await tickEngine({ now: () => new Date(Date.now() + 60_000), crons: false });
  if (runsDriven === 0) await new Promise((resolve) => setTimeout(resolve, 50));
}
await server.close();
process.exit(0);
