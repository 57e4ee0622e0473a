/**
 * The events `npm run bench:ingest` sends: unique orders, duplicates (the same delivery again, or the
 * same order under a new event id) and invalid items, shuffled with a fixed seed.
 */
import { randomUUID } from "node:crypto";

export const SOURCE = "bench";
const CLIENTS = 4_000;

export type Delivery = { body: string; items: number; invalidIndexes: number[]; replay: boolean };
type Workload = { singles: Delivery[]; batches: Delivery[]; uniqueOrders: Map<string, Record<string, unknown>> };

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

export function buildWorkload({ total = 20_000, duplicateShare = 0.3, invalidShare = 0.05, batchSize = 100, seed = 7 } = {}): Workload {
  const random = prng(seed);
  const half = total / 2;
  const dupCount = Math.round(half * duplicateShare);
  const invalidCount = Math.round(half * invalidShare);
  const uniqueCount = half - dupCount - invalidCount;
  const uniqueOrders = new Map<string, Record<string, unknown>>();
  const makeOrder = (n: number, register = true) => {
    const ordered = new Date(Date.UTC(2025, 0, 1) + Math.floor(random() * 300) * 86_400_000);
    const shipped = 1 + Math.floor(random() * 8);
    const order = {
      external_id: `B-${n}`,
      client_email: `bench-${n % CLIENTS}@example.com`,
      client_name: `Bench Client ${n % CLIENTS}`,
      ordered_at: ordered.toISOString(),
      updated_at: new Date(ordered.getTime() + 86_400_000).toISOString(),
      items_shipped: shipped,
      items_kept: Math.floor(random() * (shipped + 1)),
      value_cents: Math.floor(random() * 50_000),
      currency: "USD",
      status: random() < 0.05 ? "cancelled" : "shipped",
    };
    if (register) uniqueOrders.set(order.external_id, order);
    return order;
  };
  const invalid = (n: number) => ({ ...makeOrder(n, false), external_id: `BAD-${n}`, ...(n % 2 ? { value_cents: -1 } : { client_email: "not-an-email" }) });
  let next = 0;
  const envelope = (payload: Record<string, unknown>, eventId = randomUUID()) => JSON.stringify({ event_id: eventId, source: SOURCE, ...payload });

  // Singly: each new order once, then half the duplicates re-send a delivery, half re-send an order.
  const singles: Delivery[] = [];
  for (let i = 0; i < uniqueCount; i++) singles.push({ body: envelope({ order: makeOrder(next++) }), items: 1, invalidIndexes: [], replay: false });
  for (let i = 0; i < dupCount; i++) {
    const original = singles[Math.floor(random() * uniqueCount)];
    if (!original) continue;
    if (i % 2) singles.push({ ...original, replay: true });
    else singles.push({ body: envelope({ order: (JSON.parse(original.body) as { order: unknown }).order }), items: 1, invalidIndexes: [], replay: false });
  }
  for (let i = 0; i < invalidCount; i++) singles.push({ body: envelope({ order: invalid(i) }), items: 1, invalidIndexes: [0], replay: false });

  // In batches: new orders, orders sent before (in either phase), and invalid items, mixed.
  const items: { order: Record<string, unknown>; invalid: boolean }[] = [];
  for (let i = 0; i < uniqueCount; i++) items.push({ order: makeOrder(next++), invalid: false });
  const known = [...uniqueOrders.values()];
  for (let i = 0; i < dupCount; i++) items.push({ order: known[Math.floor(random() * known.length)] ?? {}, invalid: false });
  for (let i = 0; i < invalidCount; i++) items.push({ order: invalid(invalidCount + i), invalid: true });
  shuffle(items, random);
  const batches: Delivery[] = [];
  for (let i = 0; i < items.length; i += batchSize) {
    const chunk = items.slice(i, i + batchSize);
    batches.push({ body: envelope({ orders: chunk.map((c) => c.order) }), items: chunk.length, invalidIndexes: chunk.flatMap((c, j) => (c.invalid ? [j] : [])), replay: false });
  }
  return { singles: shuffle(singles, random), batches, uniqueOrders };
}
