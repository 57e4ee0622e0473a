import "server-only";
import type { Sql, TransactionSql } from "postgres";
import { checkedRunId } from "./run-snapshots";

// A run's working tables, named after its id's 32 hex digits: one per staged chunk for its histories (between the
// step that stages them and the step that scores them), one each for the tier changes, tier counts and
// chunks scored of the scoring steps.
const STAGE_PREFIX = "scoring_stage_";
const CHANGES_PREFIX = "scoring_changes_";
const COUNTS_PREFIX = "scoring_counts_";
const SCORED_PREFIX = "scoring_scored_";
const hex = (runId: string) => checkedRunId(runId).replaceAll("-", "");

/** Chunk `chunk`'s histories, from the step that reads them to the step that scores them (which drops it). */
export const stagedHistoriesTable = (runId: string, chunk: number) => `${STAGE_PREFIX}${hex(runId)}_${Math.trunc(chunk)}`;
/** The tier changes the scoring steps saw, for the swap to check and store. */
export const stagedTierChangesTable = (runId: string) => `${CHANGES_PREFIX}${hex(runId)}`;

/** The clients the scoring steps counted per stylist, tier and score band, for the run's tier_counts_daily. */
export const stagedTierCountsTable = (runId: string) => `${COUNTS_PREFIX}${hex(runId)}`;

/** The chunks the scoring steps have scored, with how many clients each: a repeated step finds its chunk here. */
export const scoredChunksTable = (runId: string) => `${SCORED_PREFIX}${hex(runId)}`;

/**
 * Creates the (empty) tables the scoring steps add to: tier changes, tier counts and the chunks scored; logged (they
 * are small), so a database restart keeps them.
 */
export async function createStagedRunTables(tx: TransactionSql, runId: string): Promise<void> {
  const changes = stagedTierChangesTable(runId);
  const counts = stagedTierCountsTable(runId);
  const scored = scoredChunksTable(runId);
  await tx.unsafe(`drop table if exists ${changes}, ${counts}, ${scored}`);
  await tx.unsafe(`create table ${changes} (client_id uuid not null, from_tier engagement_tier not null, to_tier engagement_tier not null, score int2 not null)`);
  await tx.unsafe(`create table ${counts} (stylist_id uuid, tier text not null, band int2 not null, clients int not null, score_sum bigint not null, value_at_risk float8 not null)`);
  await tx.unsafe(`create table ${scored} (chunk int primary key, clients int not null)`);
}

/** Whether `table` exists (a chunk's histories are gone once scored). */
export async function tableExists(sql: Sql | TransactionSql, table: string): Promise<boolean> {
  const [row] = await sql<{ found: boolean }[]>`select to_regclass(${table}) is not null as found`;
  return row?.found === true;
}

/** Drops `runId`'s working tables, or without one every run's (left by runs that failed or died). */
export async function dropStagedTables(sql: Sql | TransactionSql, runId?: string): Promise<void> {
  const pattern = runId
    ? `^(${STAGE_PREFIX}${hex(runId)}_[0-9]+|${CHANGES_PREFIX}${hex(runId)}|${COUNTS_PREFIX}${hex(runId)}|${SCORED_PREFIX}${hex(runId)})$`
    : `^(${STAGE_PREFIX}|${CHANGES_PREFIX}|${COUNTS_PREFIX}|${SCORED_PREFIX})[0-9a-f]{32}`;
  const tables = await sql.unsafe<{ name: string }[]>(
    `select quote_ident(relname) as name from pg_class where relkind = 'r' and pg_table_is_visible(oid) and relname ~ '${pattern}'`,
  );
  for (const { name } of tables) await sql.unsafe(`drop table if exists ${name}`);
}
