import "server-only";
import type { Writable } from "node:stream";
import type { Sql, TransactionSql } from "postgres";

const SNAPSHOTS = "engagement_snapshots";
const UNRUN_SNAPSHOTS = "engagement_snapshots_unrun";
// A run's partition is this and its id's 32 hex digits (drizzle/0009 names the partitions it makes the same way).
const RUN_TABLE_PREFIX = "snapshots_run_";

/** Column values every snapshot of a run shares, given once for the run's whole table instead of in each row. */
export type RunConstants = { runId: string; asOf: Date; modelFitId: string | null; modelVersion: string };

/** The table holding one full run's snapshots: loaded on its own, then a partition of engagement_snapshots. */
export function runSnapshotsTable(runId: string): string {
  const hex = runId.replaceAll("-", "").toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) throw new RangeError(`not a run id: ${runId}`);
  return RUN_TABLE_PREFIX + hex;
}

/**
 * Creates the run's snapshots table and opens a binary COPY into it, for `columns` (the others take the run's
 * constants as their defaults). Created in the transaction that loads it, so the COPY can FREEZE its rows: visible to
 * all at once, with nothing left for vacuum. It has no index while loading (see indexRunSnapshots), and its run_id is
 * NOT NULL and checked to be the run's, which lets the attach skip scanning it.
 */
export async function createRunSnapshots(tx: TransactionSql, run: RunConstants, columns: readonly string[]): Promise<Writable> {
  const table = runSnapshotsTable(run.runId);
  const literal = (value: string | null) => (value === null ? "null" : `'${value.replaceAll("'", "''")}'`);
  await tx.unsafe(`drop table if exists ${table}`);
  await tx.unsafe(
    `create table ${table} (like ${SNAPSHOTS} including defaults, constraint ${table}_run check (run_id = ${literal(run.runId)}::uuid))`,
  );
  await tx.unsafe(
    `alter table ${table} alter column run_id set not null, alter column run_id set default ${literal(run.runId)}::uuid,
       alter column as_of set default ${literal(run.asOf.toISOString())}::timestamptz,
       alter column model_fit_id set default ${literal(run.modelFitId)}::uuid, alter column model_version set default ${literal(run.modelVersion)}`,
  );
  return tx.unsafe(`copy ${table} (${columns.join(", ")}) from stdin with (format binary, freeze)`).writable();
}

/** The client index, built once on the loaded rows (in client order, so presorted): in the loading transaction. */
export async function indexRunSnapshots(tx: TransactionSql, runId: string): Promise<void> {
  const table = runSnapshotsTable(runId);
  await tx.unsafe(`create index ${table}_client_idx on ${table} (client_id) with (deduplicate_items = false)`);
}

/**
 * In the transaction that puts the run's scores live: the snapshots it replaces go (an earlier run's of the same
 * date, and the single-client ones of that date), and its own table becomes its partition. Locks engagement_snapshots
 * before client_scores, in the order single-client rescoring writes them.
 */
export async function publishRunSnapshots(tx: TransactionSql, run: { runId: string; asOf: Date }): Promise<void> {
  const asOf = run.asOf.toISOString();
  const replaced = await tx<{ id: string }[]>`select id from scoring_runs where as_of = ${asOf}::timestamptz and id <> ${run.runId}::uuid`;
  for (const { id } of replaced) await tx.unsafe(`drop table if exists ${runSnapshotsTable(id)}`);
  await tx.unsafe(`delete from ${UNRUN_SNAPSHOTS} where as_of = $1::timestamptz`, [asOf]);
  await tx.unsafe(`alter table ${SNAPSHOTS} attach partition ${runSnapshotsTable(run.runId)} for values in ('${run.runId}')`);
}

/**
 * Drops run tables that never became partitions: `runId`'s after it failed, or, without one, any left by a run whose
 * process died between loading and going live. Call with the full-rescore lock held, so no run is loading one.
 */
export async function dropUnpublishedRunSnapshots(sql: Sql, runId?: string): Promise<void> {
  const tables = await sql<{ name: string }[]>`
    select relname as name from pg_class
    where relkind = 'r' and not relispartition and pg_table_is_visible(oid)
      and ${runId ? sql`relname = ${runSnapshotsTable(runId)}` : sql`relname like ${`${RUN_TABLE_PREFIX.replaceAll("_", "\\_")}%`}`}`;
  for (const { name } of tables) await sql.unsafe(`drop table if exists ${name}`);
}
