import "server-only";
import type { Sql, TransactionSql } from "postgres";
import { checkedRunId } from "./run-snapshots";

// A run's working tables, named after its id's 32 hex digits: one per chunk of clients for their histories (between
// the step that reads them and the step that scores them), one for the tier changes the scoring steps saw.
const STAGE_PREFIX = "scoring_stage_";
const CHANGES_PREFIX = "scoring_changes_";
const hex = (runId: string) => checkedRunId(runId).replaceAll("-", "");

/** Chunk `chunk`'s histories, from the step that reads them to the step that scores them (which drops it). */
export const stagedHistoriesTable = (runId: string, chunk: number) => `${STAGE_PREFIX}${hex(runId)}_${Math.trunc(chunk)}`;
/** The tier changes the scoring steps saw, for the swap to check and store. */
export const stagedTierChangesTable = (runId: string) => `${CHANGES_PREFIX}${hex(runId)}`;

/** Creates the (empty) tier-change table; unlogged: a crash loses it with the run, which then starts again. */
export async function createStagedTierChanges(tx: TransactionSql, runId: string): Promise<void> {
  const table = stagedTierChangesTable(runId);
  await tx.unsafe(`drop table if exists ${table}`);
  await tx.unsafe(`create unlogged table ${table} (client_id uuid not null, from_tier engagement_tier not null, to_tier engagement_tier not null, score int2 not null)`);
}

/** Whether `table` exists (a chunk's histories are gone once scored). */
export async function tableExists(sql: Sql | TransactionSql, table: string): Promise<boolean> {
  const [row] = await sql<{ found: boolean }[]>`select to_regclass(${table}) is not null as found`;
  return row?.found === true;
}

/** Drops `runId`'s working tables, or without one every run's (left by runs that failed or died). */
export async function dropStagedTables(sql: Sql | TransactionSql, runId?: string): Promise<void> {
  const pattern = runId ? `^(${STAGE_PREFIX}${hex(runId)}_[0-9]+|${CHANGES_PREFIX}${hex(runId)})$` : `^(${STAGE_PREFIX}|${CHANGES_PREFIX})[0-9a-f]{32}`;
  const tables = await sql.unsafe<{ name: string }[]>(
    `select quote_ident(relname) as name from pg_class where relkind = 'r' and pg_table_is_visible(oid) and relname ~ '${pattern}'`,
  );
  for (const { name } of tables) await sql.unsafe(`drop table if exists ${name}`);
}
