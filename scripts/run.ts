/**
 * `npm run dev` / `npm start`: with no DATABASE_URL, starts an embedded PostgreSQL under .data/,
 * applies migrations, seeds demo data into an empty database, then runs Next.js. Ctrl-C stops both.
 * `run.ts next` (the Playwright server, scripts/e2e-server.sh) runs the app the way a serverless host does:
 * migrations as their own deploy step (`npm run db:migrate`), then `next start` alone, whose instrumentation
 * hook runs the production guards and the embedded engine's loop.
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ensureDatabase } from "./lib/database";
import { startEmbeddedPostgres, type RunningPostgres } from "./lib/embedded-postgres";
import { PostgresCannotReachError } from "./lib/postgres-reach";

const mode = process.argv[2];
if (mode !== "dev" && mode !== "start" && mode !== "next") {
  console.error("usage: run.ts dev|start|next");
  process.exit(2);
}

const DATA_DIR = process.env.REKINDLE_DATA_DIR ?? ".data";
let postgres: RunningPostgres | null = null;

if (!process.env.DATABASE_URL) {
  postgres = await startEmbeddedPostgres({ dataDir: path.join(DATA_DIR, "postgres"), port: Number(process.env.PGPORT ?? 5433), quiet: true }).catch((error: unknown) => {
    if (!(error instanceof PostgresCannotReachError)) throw error;
    console.error(error.message);
    process.exit(1);
  });
  await ensureDatabase(postgres.url("postgres"), "rekindle");
  process.env.DATABASE_URL = postgres.url("rekindle");
  process.env.REKINDLE_EMBEDDED = "1";
  console.log(`▲ Embedded PostgreSQL on port ${postgres.port} (data in ${path.join(DATA_DIR, "postgres")})`);
}

// Local runs get a stable generated secret; a deployment must set its own AUTH_SECRET.
if (!process.env.AUTH_SECRET && (postgres || mode === "dev")) {
  const secretFile = path.join(DATA_DIR, "auth-secret");
  if (!fs.existsSync(secretFile)) {
    fs.mkdirSync(DATA_DIR, { recursive: true });
    fs.writeFileSync(secretFile, randomBytes(32).toString("base64"), { mode: 0o600 });
  }
  process.env.AUTH_SECRET = fs.readFileSync(secretFile, "utf8").trim();
}

if (mode === "next") {
  // The deploy step, in its own process as a host's build or release phase runs it.
  const migrate = spawnSync("npm", ["run", "db:migrate"], { stdio: "inherit", env: process.env });
  if (migrate.status !== 0) {
    await postgres?.stop();
    process.exit(migrate.status ?? 1);
  }
}

const { prepareDatabase } = await import("./lib/prepare-database");
try {
  await prepareDatabase({ migrate: mode !== "next", seedWhenEmpty: Boolean(postgres) || process.env.SEED_DEMO === "1", production: mode === "start" && !postgres });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await postgres?.stop();
  process.exit(1);
}

const port = process.env.PORT ?? "3000";
// The embedded Inngest engine runs in the server process and calls the app's /api/inngest over loopback.
process.env.INNGEST_SERVE_URL ??= `http://127.0.0.1:${port}/api/inngest`;
// Development is plain `next dev`; `next` is plain `next start`; production is Next.js behind scripts/serve.ts,
// which serves the webhooks itself.
const next =
  mode !== "start"
    ? spawn(path.join("node_modules", ".bin", "next"), [mode === "dev" ? "dev" : "start", "--port", port], { stdio: "inherit", env: mode === "dev" ? process.env : { ...process.env, NODE_ENV: "production" } })
    : spawn(path.join("node_modules", ".bin", "tsx"), ["--conditions=react-server", "scripts/serve.ts"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production", PORT: port } });

let stopping = false;
async function shutdown(signal: NodeJS.Signals) {
  if (stopping) return;
  stopping = true;
  if (next.exitCode === null) next.kill(signal);
  await new Promise((resolve) => (next.exitCode === null ? next.once("exit", resolve) : resolve(null)));
  if (postgres) {
    await postgres.stop();
    console.log("▲ Embedded PostgreSQL stopped");
  }
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
next.on("exit", (code) => {
  if (!stopping) void shutdown("SIGTERM").then(() => process.exit(code ?? 0));
});
