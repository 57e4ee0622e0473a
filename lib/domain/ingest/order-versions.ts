import type { IngestOrder, ItemOutcome } from "./ingest-types";

/** Orders from one sender's system, as one delivery (or one CSV chunk) carries them. */
export type OrderSet = { source: string; orders: IngestOrder[] };

/**
 * What the database holds for an order before the sets are applied: its version in epoch milliseconds (fractional,
 * as Postgres keeps microseconds), null when its sender gave none, and its content as `contentOf` writes it.
 */
type StoredOrderVersion = { source: string; externalId: string; updatedAtMs: number | null; content?: string };

/**
 * The version an order ends with, and whether its row must be inserted or replaced; "version" when only the
 * version moves on (the content is the stored one), so its client's history is unchanged.
 */
export type OrderWrite = { source: string; order: IngestOrder; kind: "insert" | "update" | "version" };

/** An order's content as a string to compare (its client, date, items, value, currency and status), versions aside. */
export type OrderContent = (source: string, order: IngestOrder) => string;

type AppliedOrderSets = { outcomes: ItemOutcome[][]; writes: OrderWrite[] };

/** An order's identity: (source, external id). */
export function orderKey(source: string, externalId: string): string {
  return `${source}\u0000${externalId}`;
}

/** Within one set the same order may appear twice; only its newest version counts (the first of equals). */
export function newestPerOrder(orders: IngestOrder[]): Map<string, number> {
  const newest = new Map<string, number>();
  orders.forEach((order, i) => {
    const current = newest.get(order.externalId);
    const best = current === undefined ? undefined : orders[current];
    if (!best || order.updatedAt.getTime() > best.updatedAt.getTime()) newest.set(order.externalId, i);
  });
  return newest;
}

/**
 * Applies the sets one after another, as if each had been stored in its own transaction in this order:
 * an order unknown so far is created, a version newer than the current one updates it, any other is
 * unchanged. A newer version with the content already held is unchanged too (a file imported twice, a sender
 * re-sending an order for a change Rekindle does not keep): only its version is written. Returns each item's
 * outcome (by set, in item order) and, per order that changed, the one row write that leaves the database as
 * that sequence would have left it.
 */
export function applyOrderSets(sets: OrderSet[], stored: StoredOrderVersion[], contentOf?: OrderContent): AppliedOrderSets {
  const current = new Map<string, number | null>(stored.map((s) => [orderKey(s.source, s.externalId), s.updatedAtMs]));
  const content = new Map(stored.map((s) => [orderKey(s.source, s.externalId), s.content]));
  const existed = new Set(current.keys());
  const writes = new Map<string, OrderWrite>();
  const outcomes = sets.map(({ source, orders }) => {
    const out: ItemOutcome[] = orders.map(() => "unchanged");
    for (const [externalId, index] of newestPerOrder(orders)) {
      const order = orders[index];
      if (!order) continue;
      const key = orderKey(source, externalId);
      const version = current.get(key);
      const known = current.has(key);
      if (known && version !== null && version !== undefined && order.updatedAt.getTime() <= version) continue;
      const newContent = contentOf?.(source, order);
      const sameContent = newContent !== undefined && content.get(key) === newContent;
      out[index] = sameContent ? "unchanged" : known ? "updated" : "created";
      current.set(key, order.updatedAt.getTime());
      content.set(key, newContent);
      const contentWrite = writes.get(key)?.kind;
      const kind = !existed.has(key) ? "insert" : sameContent && contentWrite !== "update" ? "version" : "update";
      writes.set(key, { source, order, kind });
    }
    return out;
  });
  return { outcomes, writes: [...writes.values()] };
}
