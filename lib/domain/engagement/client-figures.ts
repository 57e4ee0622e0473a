// Everything the client page says about a client's engagement, from one assessment as of one moment, so the top
// card, the "Why" reasons and the chart quote the same computation.
import { type EngagementAssessment, type EngagementModel, assessEngagement } from "./assess";
import { nextOrderDueMs, usualGapDays } from "./drivers";
import { DAY_MS, type EngagementOrder, summariseHistory } from "./history";
import { type ScorePoint, scoreOverTime } from "./score-over-time";
import type { EngagementSettings } from "./settings";

/** When the next order is due by the client's own rhythm, and on what that rests. */
export interface NextOrder {
  /** Last order + the usual gap; null before the first order. */
  dueAt: Date | null;
  /** "rhythm": the client's own usual gap; "assumed": one order day so far, so the shop's assumed gap. */
  basis: "rhythm" | "assumed" | "none";
  gapDays: number | null;
  /** Whole days past `dueAt` as of the page's moment; 0 when not yet due. */
  daysLate: number;
}

export interface ClientFigures {
  /** Orders that count (not cancelled). */
  orderCount: number;
  cancelledCount: number;
  /** The latest cancelled order, which counts for nothing but is worth knowing about. */
  lastCancelledAt: Date | null;
  lastOrderAt: Date | null;
  /** The usual gap the score measures recency against, in whole days; null until the client has two order days. */
  usualGapDays: number | null;
  /** How many of the latest orders the keep rate and average value cover ("last 5 fixes"). */
  recentWindow: number;
  recentItemsKept: number;
  recentItemsShipped: number;
  averageKeptValueCents: number | null;
  nextOrder: NextOrder;
}

export interface ClientPicture {
  asOf: Date;
  /** Null for a client without a counted order. */
  assessment: EngagementAssessment | null;
  figures: ClientFigures;
  /** The score as of each past week; its last point is `assessment`'s score, as of `asOf`. */
  scoreOverTime: ScorePoint[];
}

/**
 * One assessment as of `asOf` (what a rescoring computes) and the figures quoted from its facts: the top of the
 * page says "usual gap 62 days" exactly when the reasons do, and the next order follows that same gap.
 */
export function clientPicture(input: { orders: readonly EngagementOrder[]; asOf: Date; settings: EngagementSettings; model: EngagementModel | null }): ClientPicture {
  const { orders, asOf, settings, model } = input;
  const history = summariseHistory(orders, asOf);
  const assessment = assessEngagement({ history, asOf, settings, model });
  const f = assessment.facts;
  const cancelled = orders.filter((o) => o.status === "cancelled" && o.orderedAt.getTime() <= asOf.getTime());
  const lastCancelledMs = Math.max(...cancelled.map((o) => o.orderedAt.getTime()));
  const gap = history.lastOrderAt ? usualGapDays(f.typicalIntervalDays) : null;
  const dueAt = history.lastOrderAt && gap !== null ? new Date(nextOrderDueMs(history.lastOrderAt.getTime(), f.typicalIntervalDays)) : null;
  return {
    asOf,
    assessment: history.orderCount > 0 ? assessment : null,
    figures: {
      orderCount: history.orderCount,
      cancelledCount: cancelled.length,
      lastCancelledAt: cancelled.length ? new Date(lastCancelledMs) : null,
      lastOrderAt: history.lastOrderAt,
      usualGapDays: f.intervalSource === "client" && history.orderCount > 0 ? gap : null,
      recentWindow: f.recentOrderCount,
      recentItemsKept: f.recentItemsKept,
      recentItemsShipped: f.recentItemsShipped,
      averageKeptValueCents: f.averageKeptValueCents,
      nextOrder: {
        dueAt,
        basis: dueAt === null ? "none" : f.intervalSource === "client" ? "rhythm" : "assumed",
        gapDays: gap,
        daysLate: dueAt ? Math.max(0, Math.floor((asOf.getTime() - dueAt.getTime()) / DAY_MS)) : 0,
      },
    },
    scoreOverTime: scoreOverTime({ orders, until: asOf, settings, model }),
  };
}

/** "Last order + usual gap of 62 days (all 8 fixes)": how the next-order date was reached, in one sentence. */
export function nextOrderBasisText(figures: ClientFigures): string {
  const { nextOrder } = figures;
  if (nextOrder.basis === "none" || nextOrder.gapDays === null) return "No orders yet";
  const late = nextOrder.daysLate > 0 ? `; ${nextOrder.daysLate} day${nextOrder.daysLate === 1 ? "" : "s"} late` : "";
  return nextOrder.basis === "rhythm"
    ? `Last order + usual gap of ${nextOrder.gapDays} days${late}`
    : `Only one order day so far: last order + the assumed gap of ${nextOrder.gapDays} days${late}`;
}
