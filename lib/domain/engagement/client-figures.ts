// The headline figures of a client page, from the same history and scoring the "Why" reasons come from.
import { type EngagementOrder, summariseHistory } from "./history";
import { scoreEngagement } from "./score";
import type { EngagementSettings } from "./settings";

export interface ClientFigures {
  /** Orders that count (not cancelled). */
  orderCount: number;
  cancelledCount: number;
  lastOrderAt: Date | null;
  /** The usual gap the score measures recency against, in whole days; null until the client has two order days. */
  usualGapDays: number | null;
  /** How many of the latest orders the keep rate and average value cover ("last 5 fixes"). */
  recentWindow: number;
  recentItemsKept: number;
  recentItemsShipped: number;
  averageKeptValueCents: number | null;
}

/**
 * One computation per figure: `summariseHistory` and `scoreEngagement` are what a rescoring uses, so the
 * top of the page says "every 63 days" exactly when the reasons say "usual gap 63 days".
 */
export function clientFigures(orders: readonly EngagementOrder[], asOf: Date, settings: EngagementSettings): ClientFigures {
  const history = summariseHistory(orders, asOf);
  const facts = scoreEngagement({ history, asOf, settings }).facts;
  return {
    orderCount: history.orderCount,
    cancelledCount: orders.filter((o) => o.status === "cancelled").length,
    lastOrderAt: history.lastOrderAt,
    usualGapDays: facts.intervalSource === "client" ? Math.round(facts.typicalIntervalDays) : null,
    recentWindow: history.recentOrderCount,
    recentItemsKept: history.recentItemsKept,
    recentItemsShipped: history.recentItemsShipped,
    averageKeptValueCents: history.averageKeptValueCents,
  };
}

/** "last 5 fixes", "the only fix": the window a recent figure covers, said the same way everywhere. */
export function recentWindowText(count: number): string {
  return count === 1 ? "the only fix so far" : `last ${count} fixes`;
}
