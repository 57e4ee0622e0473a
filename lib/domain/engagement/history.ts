// A client's order history reduced to the few numbers scoring needs.
import type { BgNbdCustomer } from "./bgnbd-likelihood";

export type EngagementOrderStatus = "placed" | "shipped" | "returned" | "cancelled";

export interface EngagementOrder {
  orderedAt: Date;
  itemsShipped: number;
  itemsKept: number;
  /** What the client kept and paid for, in cents. */
  valueCents: number;
  status: EngagementOrderStatus;
}

/**
 * One row per client that a single SQL aggregation over non-cancelled orders up to `asOf` can produce.
 * "Recent" means the client's last RECENT_ORDER_WINDOW orders.
 */
export interface ClientHistory {
  orderCount: number;
  /** Distinct UTC calendar days with an order: same-day orders count once as repeat purchases. */
  orderDayCount: number;
  firstOrderAt: Date | null;
  lastOrderAt: Date | null;
  /** Orders in the 365 days up to `asOf`. */
  ordersLast12Months: number;
  /** (last − first) / (orderDayCount − 1) in days; null with fewer than two order days. */
  meanInterOrderGapDays: number | null;
  recentOrderCount: number;
  recentItemsShipped: number;
  recentItemsKept: number;
  /** Mean kept value per recent order, in cents; null with no orders. */
  averageKeptValueCents: number | null;
}

export const RECENT_ORDER_WINDOW = 5;
export const DAY_MS = 86_400_000;
const DAYS_PER_WEEK = 7;
const TWELVE_MONTHS_DAYS = 365;

export const EMPTY_CLIENT_HISTORY: ClientHistory = {
  orderCount: 0,
  orderDayCount: 0,
  firstOrderAt: null,
  lastOrderAt: null,
  ordersLast12Months: 0,
  meanInterOrderGapDays: null,
  recentOrderCount: 0,
  recentItemsShipped: 0,
  recentItemsKept: 0,
  averageKeptValueCents: null,
};

export function daysBetween(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / DAY_MS;
}

const utcDayKey = (date: Date) => Math.floor(date.getTime() / DAY_MS);

/** The in-memory twin of the SQL aggregation: cancelled orders and orders after `asOf` are ignored. */
export function summariseHistory(orders: readonly EngagementOrder[], asOf: Date): ClientHistory {
  const counted = orders
    .filter((o) => o.status !== "cancelled" && o.orderedAt.getTime() <= asOf.getTime())
    .sort((o1, o2) => o1.orderedAt.getTime() - o2.orderedAt.getTime());
  const first = counted[0];
  const last = counted[counted.length - 1];
  if (!first || !last) return { ...EMPTY_CLIENT_HISTORY };

  const orderDayCount = new Set(counted.map((o) => utcDayKey(o.orderedAt))).size;
  const recent = counted.slice(-RECENT_ORDER_WINDOW);
  const sum = (pick: (o: EngagementOrder) => number) => recent.reduce((s, o) => s + pick(o), 0);
  return {
    orderCount: counted.length,
    orderDayCount,
    firstOrderAt: first.orderedAt,
    lastOrderAt: last.orderedAt,
    ordersLast12Months: counted.filter((o) => daysBetween(o.orderedAt, asOf) < TWELVE_MONTHS_DAYS).length,
    meanInterOrderGapDays: orderDayCount >= 2 ? daysBetween(first.orderedAt, last.orderedAt) / (orderDayCount - 1) : null,
    recentOrderCount: recent.length,
    recentItemsShipped: sum((o) => o.itemsShipped),
    recentItemsKept: sum((o) => o.itemsKept),
    averageKeptValueCents: sum((o) => o.valueCents) / recent.length,
  };
}

/**
 * BG/NBD input in weeks, counted in whole days: x = repeat order days, t_x = first to last order, T = first
 * order to `asOf`. Null for a client who never ordered, since the model starts at the first purchase.
 * Whole days, as the fit counts them (the SQL twin is loadBgNbdHistories): the hour of an order says nothing
 * about churn, and clients with equal inputs share one fit term and one forecast.
 */
export function toBgNbdInput(history: ClientHistory, asOf: Date): BgNbdCustomer | null {
  const { firstOrderAt, lastOrderAt } = history;
  if (!firstOrderAt || !lastOrderAt || history.orderCount === 0) return null;
  const days = { x: 0, txDays: 0, tDays: 0 };
  wholeDayBgNbdInput(history.orderDayCount, firstOrderAt.getTime(), lastOrderAt.getTime(), asOf.getTime(), days);
  return { x: days.x, tx: days.txDays / DAYS_PER_WEEK, T: days.tDays / DAYS_PER_WEEK };
}

/**
 * toBgNbdInput in whole days from plain numbers, written into `out`: a full run computes it for a million histories
 * kept as columns, without making an object per client.
 */
export function wholeDayBgNbdInput(orderDayCount: number, firstOrderMs: number, lastOrderMs: number, asOfMs: number, out: { x: number; txDays: number; tDays: number }): void {
  const x = Math.max(0, orderDayCount - 1);
  const tDays = Math.max(0, Math.round((asOfMs - firstOrderMs) / DAY_MS));
  // An `asOf` before the last order (stale summary) must not put t_x after T.
  out.x = x;
  out.tDays = tDays;
  out.txDays = x === 0 ? 0 : Math.min(tDays, Math.max(0, Math.round((lastOrderMs - firstOrderMs) / DAY_MS)));
}
