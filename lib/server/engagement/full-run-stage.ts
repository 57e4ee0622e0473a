import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Database } from "@/lib/server/db/client";
import { packedField, type PackedRowsQuery } from "@/lib/server/db/packed-rows";
import { CHUNK_SETTINGS } from "./chunk-work";
import { HISTORY_FIELDS, historyAggregation } from "./client-histories";
import { type ClientRange, type ClientSelection, selectionWhere } from "./client-selection";
import { stagedHistoriesTable, tableExists } from "./full-run-tables";
import { previousTierCode } from "./previous-tiers";

const dialect = new PgDialect();
const STAGED_COLUMNS = `client_id uuid not null, previous_tier text not null, order_count int, order_days int, first_ms float8, last_ms float8,
  last_year int, recent_count int, recent_shipped int, recent_kept int, recent_value float8`;

/**
 * What the scoring step reads of each client (see readPackedRows), from a staged table or straight from the orders as
 * `h`, with its stylist from `clients c` (for the tier counts). A client without orders has an order_count of −1 and
 * zeros for the rest of its history; a client without a stylist (or deleted since) has the nil uuid.
 */
export const CHUNK_ROW = {
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
 * Every client in the range (clients without orders are scored too) with the tier their last score gave them and
 * their aggregated history (null without orders), in no particular order.
 */
function chunkHistories(range: ClientSelection, asOf: Date): SQL {
  return sql`
    select s.client_id, ${previousTierCode(asOf)} as previous_tier, ${sql.raw(HISTORY_FIELDS.map((field) => `h.${field}`).join(", "))}
    from client_scores s left join (${historyAggregation(range, asOf)}) h on h.client_id = s.client_id
    where ${selectionWhere(sql`s.client_id`, range)}`;
}

/** The clients in `range` as CHUNK_ROW reads them, from `histories`, in client id order. */
function withStylists(histories: SQL, range: ClientRange): PackedRowsQuery {
  // The range bounds the read of clients too: the planner would otherwise read every client for each chunk.
  const query = dialect.sqlToQuery(sql`${histories} h left join clients c on c.id = h.client_id and ${selectionWhere(sql`c.id`, range)}`);
  return { from: query.sql, orderBy: "h.client_id", params: query.params as string[] };
}

/**
 * A staged table of the clients in `range` as CHUNK_ROW reads it. The stylists are joined here rather than when
 * staging, where the database has both cores busy aggregating, while the scoring step keeps this process busy and
 * leaves it one idle.
 */
export const stagedRows = (table: string, range: ClientRange) => withStylists(sql.raw(table), range);

/**
 * The clients in `range` as CHUNK_ROW reads them, aggregated from the orders as they are read: how the chunks
 * beyond the model's sample are scored, in one step with no staged table between.
 */
export const unstagedRows = (range: ClientRange, asOf: Date) => withStylists(sql`(${chunkHistories(range, asOf)})`, range);

/** What the fit reads of each staged client with orders: its BG/NBD figures. */
export const STAGED_BG_NBD_FIGURES = { order_days: packedField.int4("order_days"), first_ms: packedField.float8("first_ms"), last_ms: packedField.float8("last_ms") };

type StageChunkInput = { runId: string; asOf: Date; chunk: number; range: ClientSelection };

/**
 * A full run's first pass over the chunks it stages (those holding the model's sample, and in-process any a worker
 * would otherwise wait with; see executeFullRun), one chunk per call: its clients (see chunkHistories) written
 * inside the database into an unlogged table of the chunk's own, in id order: nothing travels to this process, and
 * the fit and the scoring read it back. Counts half of each client as progress, in the same transaction, so a
 * repeated call (a step retried after its table was committed) finds the table and changes nothing. Answers how
 * many clients it staged.
 */
export async function stageChunk(db: Database, input: StageChunkInput): Promise<number> {
  const table = stagedHistoriesTable(input.runId, input.chunk);
  const select = dialect.sqlToQuery(sql`${chunkHistories(input.range, input.asOf)} order by s.client_id`);
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
