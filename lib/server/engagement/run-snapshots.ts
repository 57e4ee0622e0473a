import "server-only";
import type { Writable } from "node:stream";
import { type SQL, sql as drizzleSql } from "drizzle-orm";
import type { Sql, TransactionSql } from "postgres";

const SNAPSHOTS = "engagement_snapshots";
const UNRUN_SNAPSHOTS = "engagement_snapshots_unrun";
// A run's partition is this and its id's 32 hex digits (drizzle/0009 names the partitions it makes the same way).
const RUN_TABLE_PREFIX = "snapshots_run_";
/** Matches the name of a run's table, and no other. */
export const RUN_TABLE_PATTERN = `^${RUN_TABLE_PREFIX}[0-9a-f]{32}$`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Column values every snapshot of a run shares, given once for the run's whole table instead of in each row. */
type RunConstants = { runId: string; asOf: Date; modelFitId: string | null; modelVersion: string };

/** A run id checked to be a uuid, so it can be written into SQL as it is. */
export function checkedRunId(runId: string): string {
  const id = runId.toLowerCase();
  if (!UUID.test(id)) throw new RangeError(`not a run id: ${runId}`);
  return id;
}

/** A string as an SQL literal (standard_conforming_strings, on by default since PostgreSQL 9.1). */
const literal = (value: string | null) => (value === null ? "null" : `'${value.replaceAll("'", "''")}'`);

/** The table holding one full run's snapshots: loaded on its own, then a partition of engagement_snapshots. */
export function runSnapshotsTable(runId: string): string {
  return RUN_TABLE_PREFIX + checkedRunId(runId).replaceAll("-", "");
}

/**
 * Creates the run's empty snapshots table (replacing any left from an earlier attempt): its columns take the run's
 * constants as their defaults, and its run_id is NOT NULL and checked to be the run's, which lets the attach skip
 * scanning it. It has no index while loading (see indexRunSnapshots).
 */
export async function createRunSnapshotsTable(tx: TransactionSql, run: RunConstants): Promise<void> {
  const table = runSnapshotsTable(run.runId);
  const runId = `${literal(checkedRunId(run.runId))}::uuid`;
  await tx.unsafe(`drop table if exists ${table}`);
  await tx.unsafe(`create table ${table} (like ${SNAPSHOTS} including defaults, constraint ${table}_run check (run_id = ${runId}))`);
  await tx.unsafe(
    `alter table ${table} alter column run_id set not null, alter column run_id set default ${runId},
       alter column as_of set default ${literal(run.asOf.toISOString())}::timestamptz,
       alter column model_fit_id set default ${literal(run.modelFitId)}::uuid, alter column model_version set default ${literal(run.modelVersion)}`,
  );
}

/** A binary COPY of `columns` into the run's table (the others take its defaults), one chunk of clients at a time. */
export async function copyIntoRunSnapshots(tx: TransactionSql, runId: string, columns: readonly string[]): Promise<Writable> {
  return tx.unsafe(`copy ${runSnapshotsTable(runId)} (${columns.join(", ")}) from stdin with (format binary)`).writable();
}

/**
 * The client index, built once on the loaded rows the way the client_scores builds running beside it are (see
 * indexNextClientScores). Already there after an earlier attempt, it is left as it is.
 */
export async function indexRunSnapshots(sql: Sql, runId: string): Promise<void> {
  const table = runSnapshotsTable(runId);
  await sql.begin(async (tx) => {
    await tx.unsafe("set local maintenance_work_mem = '256MB'");
    await tx.unsafe("set local max_parallel_maintenance_workers = 0");
    await tx.unsafe(`create index if not exists ${table}_client_idx on ${table} (client_id) with (deduplicate_items = false)`);
  });
}

/**
 * In the transaction that puts the run's scores live, once it holds client_scores (every writer takes client_scores
 * before engagement_snapshots, so this order cannot deadlock with them):
 * - the snapshots the run replaces go: an earlier run's of the same date (its partition is dropped, which briefly
 *   locks engagement_snapshots), and the single-client ones of that date for the clients the run scored;
 * - with `clientsMayBeGone`, the run's rows of clients deleted since it read them (the trigger on clients cannot see
 *   a table not yet attached);
 * - its own table becomes its partition.
 */
export async function publishRunSnapshots(tx: TransactionSql, run: { runId: string; asOf: Date }, options: { clientsMayBeGone: boolean }): Promise<void> {
  const asOf = run.asOf.toISOString();
  const table = runSnapshotsTable(run.runId);
  const replaced = await tx<{ id: string }[]>`select id from scoring_runs where as_of = ${asOf}::timestamptz and id <> ${run.runId}::uuid`;
  for (const { id } of replaced) await tx.unsafe(`drop table if exists ${runSnapshotsTable(id)}`);
  await tx.unsafe(
    `delete from ${UNRUN_SNAPSHOTS} u where u.as_of = $1::timestamptz and exists (select 1 from ${table} r where r.client_id = u.client_id)`,
    [asOf],
  );
  if (options.clientsMayBeGone) await tx.unsafe(`delete from ${table} r where not exists (select 1 from clients c where c.id = r.client_id)`);
  await tx.unsafe(`alter table ${SNAPSHOTS} attach partition ${table} for values in (${literal(checkedRunId(run.runId))})`);
}

/**
 * Drops run tables that never became partitions: `runId`'s after it failed, or, without one, any left by a run whose
 * process died between loading and going live. Call with the full-rescore lock held, so no run is loading one.
 */
export async function dropUnpublishedRunSnapshots(sql: Sql, runId?: string): Promise<void> {
  await dropRunTables(sql, `and not relispartition ${runId ? `and relname = ${literal(runSnapshotsTable(runId))}` : ""}`);
}

/** Drops every run's snapshots, partitions included: for resetting a database (the seed's reset, benchmarks). */
export async function dropAllRunSnapshots(sql: Sql | TransactionSql): Promise<void> {
  await dropRunTables(sql, "");
}

async function dropRunTables(sql: Sql | TransactionSql, condition: string): Promise<void> {
  const tables = await sql.unsafe<{ name: string }[]>(
    `select quote_ident(relname) as name from pg_class
     where relkind = 'r' and pg_table_is_visible(oid) and relname ~ '${RUN_TABLE_PATTERN}' ${condition}`,
  );
  for (const { name } of tables) await sql.unsafe(`drop table if exists ${name}`);
}

/**
 * The snapshots of these runs and those written one client at a time, with the run ids written into the query: the
 * planner then reads (and locks) only their partitions, where a parameter could leave it planning for all of them.
 */
export function ofRunsOrUnrun(runIdColumn: SQL, runIds: readonly string[]): SQL {
  if (runIds.length === 0) return drizzleSql`${runIdColumn} is null`;
  const list = runIds.map((id) => `${literal(checkedRunId(id))}::uuid`).join(", ");
  return drizzleSql`(${runIdColumn} in (${drizzleSql.raw(list)}) or ${runIdColumn} is null)`;
}
