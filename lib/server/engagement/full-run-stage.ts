import "server-only";
import { sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Database } from "@/lib/server/db/client";
import { packedField } from "@/lib/server/db/packed-rows";
import { CHUNK_SETTINGS } from "./chunk-work";
import { HISTORY_FIELDS, historyAggregation } from "./client-histories";
import { type ClientRange, type ClientSelection, selectionWhere } from "./client-selection";
import { stagedHistoriesTable, tableExists } from "./full-run-tables";
import { previousTierCode } from "./previous-tiers";

const dialect = new PgDialect();
const STAGED_COLUMNS = `client_id uuid not null, previous_tier text not null, order_count int, order_days int, first_ms float8, last_ms float8,
  last_year int, recent_count int, recent_shipped int, recent_kept int, recent_value float8`;

/**
 * What the scoring step reads of a staged table `h` (see readPackedRows), with each client's stylist from `clients c`
 * (for the tier counts): joined there rather than here, where the database has both cores busy aggregating, while
 * the scoring step keeps this process busy and leaves it one idle. A client without orders has an order_count of −1
 * and zeros for the rest of its history; a client without a stylist (or deleted since) has the nil uuid.
 */
export const STAGED_ROW = {
  client_id: packedField.uuid("h.client_id"),
  previous_tier: packedField.char("h.previous_tier"),
  stylist_id: packedField.uuidOrNil("c.stylist_id"),
  order_count: packedField.int4("coalesce(h.order_count, -1)"),
  order_days: packedField.int4("coalesce(h.order_days, 0)"),
  first_ms: packedField.float8("coalesce(h.first_ms, 0)"),
  last_ms: packedField.float8("coalesce(h.last_ms, 0)"),
  last_year: packedField.int4("coalesce(h.last_year, 0)"),
  recent_count: packedField.int4("coalesce(h.recent_count, 0)"),
  recent_shipped: packedField.int4("coalesce(h.recent_shipped, 0)"),
  recent_kept: packedField.int4("coalesce(h.recent_kept, 0)"),
  recent_value: packedField.float8("coalesce(h.recent_value, 0)"),
};
/**
 * The staged table of the clients in `range` as STAGED_ROW reads it, in client id order. The range bounds the read of
 * clients too: the planner knows nothing of the staged table and would otherwise read every client for each chunk.
 */
export function stagedRows(table: string, range: ClientRange) {
  const bounds = dialect.sqlToQuery(selectionWhere(sql`c.id`, range));
  return { from: `${table} h left join clients c on c.id = h.client_id and ${bounds.sql}`, orderBy: "h.client_id", params: bounds.params as string[] };
}

/** What the fit reads of each staged client with orders: its BG/NBD figures. */
export const STAGED_BG_NBD_FIGURES = { order_days: packedField.int4("order_days"), first_ms: packedField.float8("first_ms"), last_ms: packedField.float8("last_ms") };

export type StageChunkInput = { runId: string; asOf: Date; chunk: number; range: ClientSelection };

/**
 * A full run's first pass, one chunk of clients per call: every client in the range (clients without orders are scored
 * too) with the tier their last score gave them and their aggregated history (null without orders), written inside
 * the database into an unlogged table of the chunk's own: nothing travels to this process, and the fit and the
 * scoring read it back. Counts half of each client as progress, in the same transaction, so a repeated call (a step
 * retried after its table was committed) finds the table and changes nothing. Answers how many clients it staged.
 */
export async function stageChunk(db: Database, input: StageChunkInput): Promise<number> {
  const table = stagedHistoriesTable(input.runId, input.chunk);
  const select = dialect.sqlToQuery(sql`
    select s.client_id, ${previousTierCode(input.asOf)}, ${sql.raw(HISTORY_FIELDS.map((field) => `h.${field}`).join(", "))}
    from client_scores s left join (${historyAggregation(input.range, input.asOf)}) h on h.client_id = s.client_id
    where ${selectionWhere(sql`s.client_id`, input.range)}
    order by s.client_id`);
  return db.$client.begin(async (tx) => {
    if (await tableExists(tx, table)) {
      const [row] = await tx.unsafe<{ clients: number }[]>(`select count(*)::int as clients from ${table}`);
      return row?.clients ?? 0;
    }
    await tx.unsafe(CHUNK_SETTINGS);
    await tx.unsafe(`create unlogged table ${table} (${STAGED_COLUMNS}) with (autovacuum_enabled = false)`);
    const inserted = await tx.unsafe(`insert into ${table} ${select.sql}`, select.params as never[]);
    await tx`update scoring_runs set done = done + ${Math.floor(inserted.count / 2)}, progressed_at = now() where id = ${input.runId}::uuid`;
    return inserted.count;
  });
}
