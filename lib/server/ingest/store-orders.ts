import "server-only";
import { sql } from "drizzle-orm";
import { type IngestOrder, type ItemOutcome, nameFromEmail } from "@/lib/domain/ingest/ingest-types";
import { noonInZone } from "@/lib/domain/time/format";
import { applyOrderSets, orderKey, type OrderSet, type OrderWrite } from "@/lib/domain/ingest/order-versions";
import { RetryableIngestConflict } from "./retry";
import type { RunSql } from "@/lib/server/db/run-sql";
import { textArray, uuidArray } from "@/lib/server/db/sql-lists";
import type { StorePlan } from "./commit-deliveries";
import { refreshSummariesStatement } from "@/lib/server/orders/order-summaries";
import { createClientsStatement, lockClientsByEmailStatement, lockClientsByIdStatement } from "./store-clients";

type StoredRow = {
  source: string;
  external_id: string;
  client_id: string;
  updated_ms: number | null;
  client_key: string;
  ordered_ms: number;
  items_shipped: number;
  items_kept: number;
  value_cents: number;
  currency: string;
  status: string;
};
type WrittenRow = { source: string; external_id: string; inserted: boolean };
type ClientRow = { id: string; key: string; timezone: string };

/**
 * What the orders' writers hold after prepareOrderSets: their existing clients by lowercased email (and their
 * timezones, where a day alone is stored), and the orders already stored.
 */
type PreparedOrders = { clientIdOf: Map<string, string>; zoneOf: Map<string, string>; stored: StoredRow[] };

/** A decided group of order sets: each item's outcome, and the writes that make it so (they return the clients whose orders changed). */

/** The stored versions of these orders, locked until the transaction ends so none changes under us. */
function lockStoredOrdersStatement(sets: OrderSet[]) {
  const sources = [...new Set(sets.map((s) => s.source))];
  const externalIds = [...new Set(sets.flatMap((s) => s.orders.map((o) => o.externalId)))];
  return sql`
    select o.source, o.external_id, o.client_id, (extract(epoch from o.source_updated_at) * 1000)::float8 as updated_ms,
      lower(c.email) as client_key, (extract(epoch from o.ordered_at) * 1000)::float8 as ordered_ms,
      o.items_shipped, o.items_kept, o.value_cents, o.currency, o.status
    from orders o join clients c on c.id = o.client_id
    where o.source = any(${textArray(sources)}) and o.external_id = any(${textArray(externalIds)})
    order by o.source, o.external_id
    for update of o
  `;
}

/** When an order is stored: a day alone at noon in the client's timezone (a client this write creates has the default, UTC). */
function storedOrderedAt(order: IngestOrder, zoneOf: Map<string, string>): Date {
  return order.orderedDay ? noonInZone(order.orderedDay, zoneOf.get(order.clientEmail.toLowerCase()) ?? "UTC") : order.orderedAt;
}

/** What an order says about its client's history, to tell a new version that changes nothing from one that does. */
function orderContent(clientKey: string, orderedMs: number, o: Pick<IngestOrder, "itemsShipped" | "itemsKept" | "valueCents" | "currency" | "status">) {
  return [clientKey, Number(orderedMs), o.itemsShipped, o.itemsKept, o.valueCents, o.currency, o.status].join("|");
}

/**
 * Inserts or replaces each order, filed under the client with its email (created just before if new).
 * The version check stays in SQL too, so a row that moved on meanwhile is left alone (and noticed).
 */
function upsertOrdersStatement(rows: Record<string, unknown>[]) {
  return sql`
    insert into orders (client_id, source, external_id, ordered_at, items_shipped, items_kept, value_cents, currency, status, source_updated_at)
    select (select c.id from clients c where lower(c.email) = r.client_key), source, external_id, ordered_at, items_shipped, items_kept, value_cents, currency, status, updated_at
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(
      client_key text, source text, external_id text, ordered_at timestamptz, updated_at timestamptz,
      items_shipped int, items_kept int, value_cents int, currency text, status order_status)
    on conflict (source, external_id) do update set
      client_id = excluded.client_id, ordered_at = excluded.ordered_at, items_shipped = excluded.items_shipped,
      items_kept = excluded.items_kept, value_cents = excluded.value_cents, currency = excluded.currency,
      status = excluded.status, source_updated_at = excluded.source_updated_at,
      -- A new version of the same content (see applyOrderSets) changes no history: the row's own change time stays,
      -- or the nightly sweep would rescore its client as if it had (clientsWithStaleScores reads it).
      updated_at = case when (orders.client_id, orders.ordered_at, orders.items_shipped, orders.items_kept, orders.value_cents, orders.currency, orders.status)
        is not distinct from (excluded.client_id, excluded.ordered_at, excluded.items_shipped, excluded.items_kept, excluded.value_cents, excluded.currency, excluded.status)
        then orders.updated_at else now() end
    where orders.source_updated_at is null or excluded.source_updated_at > orders.source_updated_at
    returning source, external_id, (xmax = 0) as inserted
  `;
}

/** True when the database did exactly the writes planned from what was read: nothing raced us in between. */
function wroteAsPlanned(writes: OrderWrite[], written: WrittenRow[]): boolean {
  const inserted = new Map(written.map((w) => [orderKey(w.source, w.external_id), w.inserted]));
  return written.length === writes.length && writes.every((w) => inserted.get(orderKey(w.source, w.order.externalId)) === (w.kind === "insert"));
}

/**
 * The reads before storing order sets, with no write, so they can run before it is known which sets
 * will be stored: lock the existing clients of every email (in email order, as every ingest path does,
 * so concurrent writers for one client queue instead of miscounting) and the stored versions of every order.
 */
export async function prepareOrderSets(run: RunSql, sets: OrderSet[]): Promise<PreparedOrders> {
  const emails = [...new Set(sets.flatMap((s) => s.orders.map((o) => o.clientEmail.toLowerCase())))];
  if (emails.length === 0) return { clientIdOf: new Map(), zoneOf: new Map(), stored: [] };
  // Issued together, both statements travel in one round trip and run in order.
  const [clients, stored] = await Promise.all([run<ClientRow>(lockClientsByEmailStatement(emails)), run<StoredRow>(lockStoredOrdersStatement(sets))]);
  return { clientIdOf: new Map(clients.map((c) => [c.key, c.id])), zoneOf: new Map(clients.map((c) => [c.key, c.timezone])), stored };
}

/**
 * Decides what storing the sets one after another would do (applyOrderSets) from what prepareOrderSets
 * read, and returns that with the writes to do it: create the unknown clients, write each changed order
 * once, and recompute the order summaries of the clients that gained or lost an order. Should a client or
 * an order appear meanwhile that was not there when read, the writes throw a conflict the caller retries.
 */
export function planOrderSets(sets: OrderSet[], prepared: PreparedOrders): StorePlan {
  const wanted = new Set(sets.flatMap((s) => s.orders.map((o) => orderKey(s.source, o.externalId))));
  const stored = prepared.stored.filter((r) => wanted.has(orderKey(r.source, r.external_id)));
  const { outcomes, writes } = applyOrderSets(
    sets,
    stored.map((r) => ({
      source: r.source,
      externalId: r.external_id,
      updatedAtMs: r.updated_ms === null ? null : Number(r.updated_ms),
      content: orderContent(r.client_key, r.ordered_ms, {
        itemsShipped: r.items_shipped,
        itemsKept: r.items_kept,
        valueCents: r.value_cents,
        currency: r.currency,
        status: r.status as IngestOrder["status"],
      }),
    })),
    (_source, o) => orderContent(o.clientEmail.toLowerCase(), storedOrderedAt(o, prepared.zoneOf).getTime(), o),
  );
  // Every email sent gets its client, even when its order turns out unchanged: the first name given wins.
  const newClients = new Map<string, { email: string; name: string }>();
  for (const o of sets.flatMap((s) => s.orders)) {
    const key = o.clientEmail.toLowerCase();
    if (!prepared.clientIdOf.has(key) && !newClients.has(key)) newClients.set(key, { email: o.clientEmail, name: o.clientName ?? nameFromEmail(o.clientEmail) });
  }
  const rows = writes
    .map(({ source, order: o, kind }) => ({
      client_key: o.clientEmail.toLowerCase(),
      source,
      external_id: o.externalId,
      ordered_at: storedOrderedAt(o, prepared.zoneOf).toISOString(),
      updated_at: o.updatedAt.toISOString(),
      items_shipped: o.itemsShipped,
      items_kept: o.itemsKept,
      value_cents: o.valueCents,
      currency: o.currency,
      status: o.status,
      versionOnly: kind === "version",
    }))
    .sort((a, b) => (a.source === b.source ? (a.external_id < b.external_id ? -1 : 1) : a.source < b.source ? -1 : 1));
  // A version alone changes no history: its client is neither recounted nor rescored.
  const gainingKeys = [...new Set(rows.filter((r) => !r.versionOnly).map((r) => r.client_key))];
  const gainingKnown = new Set(gainingKeys.map((k) => prepared.clientIdOf.get(k)));
  // An order that moves to another client leaves its old client one order short: lock that one too, and recount it.
  const storedClientOf = new Map(stored.map((r) => [orderKey(r.source, r.external_id), r.client_id]));
  const losing = [...new Set(writes.filter((w) => w.kind !== "version").map((w) => storedClientOf.get(orderKey(w.source, w.order.externalId)) ?? ""))].filter((id) => id && !gainingKnown.has(id));

  const write = async (run: RunSql) => {
    // Issued together, the statements travel in one round trip and run in order.
    const [created, , written] = await Promise.all([
      newClients.size ? run<ClientRow>(createClientsStatement([...newClients.values()])) : [],
      losing.length ? run(lockClientsByIdStatement(losing)) : null,
      rows.length ? run<WrittenRow>(upsertOrdersStatement(rows)) : [],
      gainingKeys.length ? run(refreshSummariesStatement(sql`lower(t.email) = any(${textArray(gainingKeys)}) or t.id = any(${uuidArray(losing)})`)) : null,
    ]);
    if (created.length !== newClients.size) throw new RetryableIngestConflict("A client with one of these emails was created meanwhile");
    if (!wroteAsPlanned(writes, written)) throw new RetryableIngestConflict("An order of these deliveries was written by another one meanwhile");
    const clientIdOf = new Map([...prepared.clientIdOf, ...created.map((c): [string, string] => [c.key, c.id])]);
    return [...new Set([...gainingKeys.map((k) => clientIdOf.get(k) ?? ""), ...losing])].filter(Boolean);
  };
  return { outcomes, write };
}

/** Stores order sets (a CSV chunk's rows, by source) in one go: prepare, plan, write. Run it inside a transaction. */
export async function storeOrderSets(run: RunSql, sets: OrderSet[]): Promise<{ outcomes: ItemOutcome[][]; changedClientIds: string[] }> {
  const plan = planOrderSets(sets, await prepareOrderSets(run, sets));
  return { outcomes: plan.outcomes, changedClientIds: await plan.write(run) };
}
