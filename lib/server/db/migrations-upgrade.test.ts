import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { afterAll, describe, expect, inject, it } from "vitest";
import { MIGRATIONS_FOLDER } from "./migrate";

// A database of its own on the test server, brought to a past migration, filled the way that version wrote it, then
// migrated to the latest.
const serverUrl = inject("databaseServerUrl");
const name = `upgrade_${randomBytes(6).toString("hex")}`;
const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
const url = new URL(serverUrl);
url.pathname = `/${name}`;
const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });

const folders: string[] = [];

afterAll(async () => {
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
  await sql.end();
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
});

type Journal = { entries: { tag: string }[] };

/** The migrations folder as it stood once `lastTag` was the newest. */
function migrationsUpTo(lastTag: string): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "migrations-"));
  folders.push(folder);
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as Journal;
  const entries = journal.entries.slice(0, journal.entries.findIndex((entry) => entry.tag === lastTag) + 1);
  fs.mkdirSync(path.join(folder, "meta"));
  fs.writeFileSync(path.join(folder, "meta", "_journal.json"), JSON.stringify({ ...journal, entries }));
  for (const entry of entries) fs.copyFileSync(path.join(MIGRATIONS_FOLDER, `${entry.tag}.sql`), path.join(folder, `${entry.tag}.sql`));
  return folder;
}

const migrateWith = (folder: string) => migrate(drizzle({ client: sql }), { migrationsFolder: folder });

describe("migration 0009 (snapshots partitioned by run)", () => {
  it("moves every snapshot of a database written by 0008 into its run's partition, and deleting a client still deletes its snapshots", async () => {
    await admin.unsafe(`create database ${name}`);
    await migrateWith(migrationsUpTo("0008_snapshots_date_key"));

    const [kept, deleted] = await sql<{ id: string }[]>`
      insert into clients (name, email) values ('Kept', 'kept@example.com'), ('Deleted', 'deleted@example.com') returning id`;
    if (!kept || !deleted) throw new Error("no clients");
    const runs = await sql<{ id: string; as_of: Date }[]>`
      insert into scoring_runs (as_of, status) values ('2026-06-01', 'succeeded'), ('2026-06-02', 'succeeded') returning id, as_of`;
    for (const [i, run] of runs.entries()) {
      await sql`
        insert into engagement_snapshots (client_id, run_id, as_of, score, tier, model_version)
        values (${kept.id}, ${run.id}, ${run.as_of}, ${50 + i}, 'watch', 'score-only'), (${deleted.id}, ${run.id}, ${run.as_of}, ${10 + i}, 'lapsed', 'score-only')`;
    }
    // Written one client at a time, outside any run.
    await sql`insert into engagement_snapshots (client_id, run_id, as_of, score, tier, model_version) values (${kept.id}, null, '2026-06-01T12:00:00Z', 60, 'healthy', 'score-only')`;

    await migrateWith(MIGRATIONS_FOLDER);

    const partitions = await sql<{ name: string; rows: number }[]>`
      select c.relname as name, (xpath('/row/n/text()', query_to_xml(format('select count(*) as n from %I', c.relname), false, true, '')))[1]::text::int as rows
      from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = 'engagement_snapshots'::regclass order by 1`;
    const runPartition = (id: string) => `snapshots_run_${id.replaceAll("-", "")}`;
    expect(partitions).toEqual(
      [
        { name: "engagement_snapshots_unrun", rows: 1 },
        ...runs.map((run) => ({ name: runPartition(run.id), rows: 2 })),
      ].sort((a, b) => a.name.localeCompare(b.name)),
    );
    // Every partition has its client index, from the parent's.
    const [indexes] = await sql<{ missing: number }[]>`
      select count(*)::int as missing from pg_inherits i
      where i.inhparent = 'engagement_snapshots'::regclass
        and not exists (select 1 from pg_index x join pg_attribute a on a.attrelid = x.indrelid and a.attnum = x.indkey[0]
                        where x.indrelid = i.inhrelid and a.attname = 'client_id')`;
    expect(indexes?.missing).toBe(0);

    await sql`delete from clients where id = ${deleted.id}`;
    const left = await sql<{ client_id: string; score: number }[]>`select client_id, score from engagement_snapshots order by as_of`;
    expect(left).toEqual([
      { client_id: kept.id, score: 50 },
      { client_id: kept.id, score: 60 },
      { client_id: kept.id, score: 51 },
    ]);
  });
});
