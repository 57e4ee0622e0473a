import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { type IngestOrder, type ItemOutcome, nameFromEmail } from "@/lib/domain/ingest/ingest-types";
import type { Executor } from "@/lib/server/db/client";
import { lockClientsStatement, refreshSummariesStatement, textArray, uuidArray } from "./store-clients";

export type StoredOrders = { outcomes: ItemOutcome[]; changedClientIds: string[] };

/** Within one batch the same order may appear twice; only its newest version is written. */
function newestPerOrder(orders: IngestOrder[]): Map<string, number> {
  const newest = new Map<string, number>();
  orders.forEach((order, i) => {
    const current = newest.get(order.externalId);
    const best = current === undefined ? undefined : orders[current];
    if (!best || order.updatedAt > best.updatedAt) newest.set(order.externalId, i);
  });
  return newest;
}

type UpsertRow = { external_id: string; client_id: string; inserted: boolean; prev_client_id: string | null };

/**
 * Writes a batch of orders in three set-based statements, sent together in one round trip: find or
 * create each client by email (locking them in email order, so concurrent batches for one client queue
 * instead of miscounting), upsert the orders keyed by (source, external id) where the incoming version
 * is newer, and recompute the order summary of the batch's clients where it changed. Run it inside a
 * transaction; `onlyIf` (a SQL condition) lets the caller make all three do nothing, e.g. when the
 * delivery turns out to be a repeat.
 */
export async function storeOrders(tx: Executor, source: string, orders: IngestOrder[], { onlyIf = sql`true` }: { onlyIf?: SQL } = {}): Promise<StoredOrders> {
  const outcomes: ItemOutcome[] = orders.map(() => "unchanged");
  if (orders.length === 0) return { outcomes, changedClientIds: [] };

  const newest = newestPerOrder(orders);
  const rows = [...newest.values()]
    .map((i) => orders[i])
    .filter((o): o is IngestOrder => o !== undefined)
    .sort((a, b) => (a.externalId < b.externalId ? -1 : 1))
    .map((o) => ({
      external_id: o.externalId,
      client_key: o.clientEmail.toLowerCase(),
      ordered_at: o.orderedAt.toISOString(),
      updated_at: o.updatedAt.toISOString(),
      items_shipped: o.itemsShipped,
      items_kept: o.itemsKept,
      value_cents: o.valueCents,
      currency: o.currency,
      status: o.status,
    }));
  const clientKeys = [...new Set(rows.map((r) => r.client_key))];

  // `prev` reads the orders as they were, so an order that moved to another client refreshes both.
  const upsert = sql`
    with input as (
      select r.*, (select c.id from clients c where lower(c.email) = r.client_key) as client_id
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(
        external_id text, client_key text, ordered_at timestamptz, updated_at timestamptz,
        items_shipped int, items_kept int, value_cents int, currency text, status order_status)
      where (${onlyIf})
    ),
    prev as (
      select o.external_id, o.client_id from orders o
      where o.source = ${source} and o.external_id = any(${textArray(rows.map((r) => r.external_id))})
    ),
    up as (
      insert into orders (client_id, source, external_id, ordered_at, items_shipped, items_kept, value_cents, currency, status, source_updated_at)
      select client_id, ${source}, external_id, ordered_at, items_shipped, items_kept, value_cents, currency, status, updated_at from input
      on conflict (source, external_id) do update set
        client_id = excluded.client_id, ordered_at = excluded.ordered_at, items_shipped = excluded.items_shipped,
        items_kept = excluded.items_kept, value_cents = excluded.value_cents, currency = excluded.currency,
        status = excluded.status, source_updated_at = excluded.source_updated_at, updated_at = now()
      where orders.source_updated_at is null or excluded.source_updated_at > orders.source_updated_at
      returning external_id, client_id, (xmax = 0) as inserted
    )
    select up.external_id, up.client_id, up.inserted, prev.client_id as prev_client_id
    from up left join prev on prev.external_id = up.external_id
  `;
  // Issued together, the three statements travel in one round trip and run in order.
  const [, upserted] = await Promise.all([
    tx.execute(lockClientsStatement(orders.map((o) => ({ email: o.clientEmail, name: o.clientName ?? nameFromEmail(o.clientEmail) })), onlyIf)),
    tx.execute<UpsertRow>(upsert),
    tx.execute(refreshSummariesStatement(sql`lower(t.email) = any(${textArray(clientKeys)})`, onlyIf)),
  ]);

  const written = new Map<string, UpsertRow>();
  const changed = new Set<string>();
  const moved = new Set<string>();
  for (const row of upserted) {
    written.set(row.external_id, row);
    changed.add(row.client_id);
    if (row.prev_client_id && row.prev_client_id !== row.client_id) moved.add(row.prev_client_id);
  }
  newest.forEach((index, externalId) => {
    const row = written.get(externalId);
    if (row) outcomes[index] = row.inserted ? "created" : "updated";
  });
  if (moved.size) {
    // The client an order left was not locked above; lock it, then recount it.
    await tx.execute(sql`select id from clients where id = any(${uuidArray([...moved])}) order by lower(email) for update`);
    await tx.execute(refreshSummariesStatement(sql`t.id = any(${uuidArray([...moved])})`));
    for (const id of moved) changed.add(id);
  }
  return { outcomes, changedClientIds: [...changed] };
}
