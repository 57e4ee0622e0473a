import "server-only";
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import type { Executor } from "./client";

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "drizzle");

/** Applies every pending migration in drizzle/. Safe to run on every start: applied ones are skipped. */
export async function migrateDatabase(url: string): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await migrate(drizzle({ client }), { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await client.end();
  }
}

type Journal = { entries: { idx: number; when: number; tag: string }[] };

export async function migrationStatus(db: Executor) {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as Journal;
  const latest = journal.entries.at(-1);
  const rows = await db.execute<{ created_at: string | null; applied: string }>(
    sql`select max(created_at)::text as created_at, count(*)::text as applied from drizzle.__drizzle_migrations`,
  );
  const row = rows[0];
  const appliedLatest = row?.created_at ? Number(row.created_at) : null;
  return {
    expected: journal.entries.length,
    applied: Number(row?.applied ?? 0),
    latestTag: latest?.tag ?? null,
    current: latest ? appliedLatest !== null && appliedLatest >= latest.when : true,
  };
}
