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
const otherDatabases: postgres.Sql[] = [];

afterAll(async () => {
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
  await sql.end();
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  for (const other of otherDatabases) {
    const database = other.options.database;
    await other.end();
    await admin.unsafe(`drop database if exists ${database} with (force)`);
  }
  await admin.end();
});

/** Another database of its own on the test server, for a test that starts from another past migration. */
async function freshDatabase(): Promise<postgres.Sql> {
  const other = `upgrade_${randomBytes(6).toString("hex")}`;
  await admin.unsafe(`create database ${other}`);
  const otherUrl = new URL(serverUrl);
  otherUrl.pathname = `/${other}`;
  const client = postgres(otherUrl.toString(), { max: 1, onnotice: () => {} });
  otherDatabases.push(client);
  return client;
}

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

describe("migration 0031 (win-backs by intent to treat)", () => {
  it("opens every window at its assignment, emailed ones unsent or sent later included, and links each assignment to the client's previous one", async () => {
    const db = await freshDatabase();
    const migrateTo = (folder: string) => migrate(drizzle({ client: db }), { migrationsFolder: folder });
    await migrateTo(migrationsUpTo("0030_scoring_run_model_reused"));

    const [sent, unsent, held] = await db<{ id: string }[]>`
      insert into clients (name, email) values ('Sent', 'sent@example.com'), ('Unsent', 'unsent@example.com'), ('Held', 'held@example.com') returning id`;
    if (!sent || !unsent || !held) throw new Error("no clients");
    const email = async (clientId: string, state: string, sentAt: string | null) => {
      const [row] = await db<{ id: string }[]>`
        insert into win_back_emails (client_id, state, tier, origin, subject, body, call_to_action, writer, to_address, created_at, sent_at)
        values (${clientId}, ${state}, 'at_risk', 'outreach', 's', 'b', 'c', 'offline', 'x@example.com', '2026-06-10T10:00:00Z', ${sentAt}) returning id`;
      if (!row) throw new Error("no email");
      return row.id;
    };
    const sentEmail = await email(sent.id, "sent", "2026-06-12T10:00:00Z");
    const unsentEmail = await email(unsent.id, "discarded", null);
    await db`
      insert into outreach_assignments (client_id, tier, "group", email_id, entered_at, assigned_at) values
        (${sent.id}, 'at_risk', 'emailed', ${sentEmail}, '2026-06-10T10:00:00Z', '2026-06-10T10:00:00Z'),
        (${unsent.id}, 'at_risk', 'emailed', ${unsentEmail}, '2026-06-10T10:00:00Z', '2026-06-10T10:00:00Z'),
        (${held.id}, 'lapsed', 'holdout', null, '2026-06-10T10:00:00Z', '2026-06-10T10:00:00Z'),
        (${held.id}, 'at_risk', 'emailed', null, '2026-08-01T10:00:00Z', '2026-08-01T10:00:00Z')`;
    // Orders after the assignment: one before the send (no win-back then), one for the unsent email's client.
    await db`
      insert into orders (client_id, source, external_id, ordered_at, items_shipped, items_kept, value_cents, status) values
        (${sent.id}, 'test', 'o-1', '2026-06-11T10:00:00Z', 3, 1, 5000, 'shipped'),
        (${unsent.id}, 'test', 'o-2', '2026-06-15T10:00:00Z', 3, 1, 5000, 'shipped')`;
    const [before] = await db<{ sent_first: string | null; unsent_first: string | null }[]>`
      select (select first_order_at from outreach_assignments where client_id = ${sent.id}) as sent_first,
        (select first_order_at from outreach_assignments where client_id = ${unsent.id}) as unsent_first`;
    expect(before).toEqual({ sent_first: null, unsent_first: null });

    await migrateTo(MIGRATIONS_FOLDER);

    const iso = (column: string) => db.unsafe(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI"Z"')`);
    const rows = await db<{ client_id: string; group: string; first_order_at: string | null; previous_assigned_at: string | null }[]>`
      select client_id, "group", ${iso("first_order_at")} as first_order_at, ${iso("previous_assigned_at")} as previous_assigned_at
      from outreach_assignments order by client_id, assigned_at`;
    const of = (id: string) => rows.filter((r) => r.client_id === id).map(({ group, first_order_at, previous_assigned_at }) => ({ group, first_order_at, previous_assigned_at }));
    expect(of(sent.id)).toEqual([{ group: "emailed", first_order_at: "2026-06-11T10:00Z", previous_assigned_at: null }]);
    expect(of(unsent.id)).toEqual([{ group: "emailed", first_order_at: "2026-06-15T10:00Z", previous_assigned_at: null }]);
    expect(of(held.id)).toEqual([
      { group: "holdout", first_order_at: null, previous_assigned_at: null },
      { group: "emailed", first_order_at: null, previous_assigned_at: "2026-06-10T10:00Z" },
    ]);
    const [column] = await db<{ n: number }[]>`select count(*)::int as n from information_schema.columns where table_name = 'outreach_assignments' and column_name = 'started_at'`;
    expect(column?.n).toBe(0);
  });
});

describe("migration 0034 (each assignment's holdout share)", () => {
  it("gives each assignment made before it the share in force when it was made, from the settings' history, and requires one of every later assignment", async () => {
    const db = await freshDatabase();
    const migrateTo = (folder: string) => migrate(drizzle({ client: db }), { migrationsFolder: folder });
    await migrateTo(migrationsUpTo("0033_today_contact_is_reviewed"));
    const clientIds = (await db<{ id: string }[]>`insert into clients (name, email) select 'C' || n, 'c' || n || '@example.com' from generate_series(1, 3) n returning id`).map((r) => r.id);
    const settings = (share: number) => JSON.stringify({ holdoutShare: share, holdoutSeed: "s", attributionDays: 30 });
    // The share was 0.1 (the default) until 1 June, 0.25 until 1 July, and 0.5 since.
    await db`insert into app_settings (key, value) values ('win_back', ${settings(0.5)}::jsonb)`;
    await db`insert into audit_log (actor_label, action, entity_type, entity_id, before, after, created_at) values
      ('Admin <a@example.com>', 'settings.win_back.update', 'settings', 'win_back', ${settings(0.1)}::jsonb, ${settings(0.25)}::jsonb, '2026-06-01T00:00:00Z'),
      ('Admin <a@example.com>', 'settings.win_back.update', 'settings', 'win_back', ${settings(0.25)}::jsonb, ${settings(0.5)}::jsonb, '2026-07-01T00:00:00Z')`;
    const days = ["2026-05-10T10:00:00Z", "2026-06-10T10:00:00Z", "2026-07-10T10:00:00Z"];
    for (const [i, day] of days.entries()) {
      await db`insert into outreach_assignments (client_id, tier, "group", entered_at, assigned_at) values (${clientIds[i] ?? ""}, 'at_risk', 'holdout', ${day}, ${day})`;
    }

    await migrateTo(MIGRATIONS_FOLDER);

    const rows = await db<{ holdout_share: number }[]>`select holdout_share from outreach_assignments order by assigned_at`;
    expect(rows.map((r) => r.holdout_share)).toEqual([0.1, 0.25, 0.5]);
    await expect(db`insert into outreach_assignments (client_id, tier, "group", entered_at) values (${clientIds[0] ?? ""}, 'lapsed', 'emailed', now())`).rejects.toMatchObject({ code: "23502" });
  });
});
