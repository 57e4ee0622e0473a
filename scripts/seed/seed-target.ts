import fs from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";
import { migrateDatabase } from "@/lib/server/db/migrate";
import { ensureDatabase } from "../lib/database";
import { startEmbeddedPostgres } from "../lib/embedded-postgres";

const DEV_DATABASE = "rekindle";
const DEV_POSTGRES_PORT = 5433;

type SeedTarget = { url: string; description: string; close: () => Promise<void> };

/** True when a live postmaster owns `dataDir`, e.g. `npm run dev` is running on it. */
function postgresRunningIn(dataDir: string): boolean {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return false;
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!(pid > 0)) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * The database to seed: DATABASE_URL when set (and no --data-dir given), otherwise the embedded Postgres
 * that dev uses, started, created and migrated the same way, and stopped again by close().
 */
export async function openSeedTarget(dataDir: string | null, defaultDataDir: string): Promise<SeedTarget> {
  if (env.DATABASE_URL && dataDir === null) {
    const url = new URL(env.DATABASE_URL);
    return { url: env.DATABASE_URL, description: `${url.host}${url.pathname}`, close: async () => {} };
  }
  const dir = path.resolve(dataDir ?? defaultDataDir);
  if (postgresRunningIn(dir)) {
    throw new Error(`Postgres is already running on ${dir} (is \`npm run dev\` up?). Stop it, or set DATABASE_URL to its URL.`);
  }
  const pg = await startEmbeddedPostgres({ dataDir: dir, port: DEV_POSTGRES_PORT, quiet: true });
  try {
    await ensureDatabase(pg.url("postgres"), DEV_DATABASE);
    await migrateDatabase(pg.url(DEV_DATABASE));
  } catch (error) {
    await pg.stop();
    throw error;
  }
  return { url: pg.url(DEV_DATABASE), description: `embedded Postgres in ${path.relative(process.cwd(), dir) || dir} (port ${pg.port})`, close: pg.stop };
}
