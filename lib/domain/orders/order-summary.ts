type OrderLike = { orderedAt: Date; itemsShipped: number; itemsKept: number; valueCents: number; status: string };

export type OrderSummary = {
  orders: number;
  firstOrderAt: Date | null;
  lastOrderAt: Date | null;
  keepRate: number | null;
  averageKeptValueCents: number | null;
  typicalGapDays: number | null;
};

/** Headline numbers for a client's orders; cancelled orders do not count. */
export function summariseOrders(all: OrderLike[]): OrderSummary {
  const orders = all.filter((o) => o.status !== "cancelled").sort((a, b) => a.orderedAt.getTime() - b.orderedAt.getTime());
  const shipped = orders.reduce((n, o) => n + o.itemsShipped, 0);
  const kept = orders.reduce((n, o) => n + o.itemsKept, 0);
  const value = orders.reduce((n, o) => n + o.valueCents, 0);
  const gaps = orders.slice(1).map((o, i) => (o.orderedAt.getTime() - (orders[i]?.orderedAt.getTime() ?? 0)) / 86_400_000);
  const median = medianOf(gaps);
  return {
    orders: orders.length,
    firstOrderAt: orders[0]?.orderedAt ?? null,
    lastOrderAt: orders.at(-1)?.orderedAt ?? null,
    keepRate: shipped > 0 ? kept / shipped : null,
    averageKeptValueCents: orders.length ? Math.round(value / orders.length) : null,
    typicalGapDays: median === null ? null : Math.round(median),
  };
}

export function medianOf(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const low = sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
  const high = sorted[Math.ceil((sorted.length - 1) / 2)] ?? 0;
  return (low + high) / 2;
}
