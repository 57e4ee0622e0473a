// Plain-language reasons behind an engagement score, most important first.
import { orderChanceText } from "./chance-words";
import { DAY_MS } from "./history";
import type { EngagementComponent, EngagementScore } from "./score";
import { DEFAULT_ENGAGEMENT_SETTINGS, type EngagementSettings } from "./settings";

export type EngagementDriverKind = EngagementComponent | "pAlive" | "noOrders";

export interface EngagementDriver {
  kind: EngagementDriverKind;
  /** "lowers" for what keeps the client from healthy (a component under the healthy bar, or a low P(alive)). */
  effect: "raises" | "lowers";
  text: string;
}

const DEFAULT_MAX_DRIVERS = 3;
// Below this P(alive) the model's view is worth stating even when it did not cap the tier.
const NOTABLE_P_ALIVE = 0.5;
const COMPONENT_ORDER: readonly EngagementComponent[] = ["outlook", "recency", "frequency", "keepRate", "value"];

interface ExplainOptions {
  settings?: EngagementSettings;
  maxDrivers?: number;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
/** Whole dollars, as every engagement figure shows money ("$384"). */
export const formatDollars = (cents: number) => `$${Math.round(cents / 100).toLocaleString("en-US")}`;

/** "last 5 fixes", "the only fix so far": the window a recent figure covers, said the same way everywhere. */
export function recentWindowText(count: number): string {
  return count === 1 ? "the only fix so far" : `last ${count} fixes`;
}

/** "14 of 25 items, last 5 fixes": the keep rate's own words, on the top card and under Why. */
export const keptItemsText = (kept: number, shipped: number, window: number) => `${kept} of ${plural(shipped, "item")}, ${recentWindowText(window)}`;

/** "usual gap 62 days": the rhythm recency is measured against, rounded the one way every figure rounds it. */
export const usualGapDays = (typicalIntervalDays: number) => Math.round(typicalIntervalDays);

/**
 * When the client's next order is due by their own rhythm: the last order plus the usual gap (NaN without an order).
 * The client's page shows it as "Next order due", the lists store it (client_scores.next_order_expected_at) and the
 * list's "overdue" filter reads it, so "18 days late" on the page and `overdue=18` agree.
 */
export const nextOrderDueMs = (lastOrderMs: number, typicalIntervalDays: number) => lastOrderMs + usualGapDays(typicalIntervalDays) * DAY_MS;

function describeComponent(component: EngagementComponent, result: EngagementScore): string {
  const f = result.facts;
  switch (component) {
    case "recency": {
      const since = plural(Math.floor(f.daysSinceLastOrder ?? 0), "day");
      const gap = plural(usualGapDays(f.typicalIntervalDays), "day");
      return f.intervalSource === "client"
        ? `${since} since last order, usual gap ${gap}`
        : `${since} since last order, no usual gap yet (assumed ${gap})`;
    }
    case "frequency":
      return `${plural(f.ordersLast12Months, "order")} in the last 12 months`;
    case "keepRate":
      return `Kept ${keptItemsText(f.recentItemsKept, f.recentItemsShipped, f.recentOrderCount)}`;
    case "value":
      return `Average kept value ${formatDollars(f.averageKeptValueCents ?? 0)} per order, ${recentWindowText(f.recentOrderCount)}`;
    case "outlook":
      return orderChanceText(f.pOrder90d ?? 0, 90);
  }
}

/**
 * A healthy client is explained by the points each component earns; anyone else by the points each loses
 * (an overdue fade is charged to recency). Deterministic: ties keep outlook, recency, frequency, keep rate, value.
 */
export function explainEngagement(result: EngagementScore, options: ExplainOptions = {}): EngagementDriver[] {
  const settings = options.settings ?? DEFAULT_ENGAGEMENT_SETTINGS;
  const maxDrivers = options.maxDrivers ?? DEFAULT_MAX_DRIVERS;
  if (maxDrivers <= 0) return [];
  if (result.facts.orderCount === 0) return [{ kind: "noOrders", effect: "lowers", text: "No orders yet" }];

  const explainStrengths = result.scoreTier === "healthy";
  const weightedSum = COMPONENT_ORDER.reduce((s, c) => s + result.effectiveWeights[c] * (result.components[c] ?? 0), 0);
  const ranked = COMPONENT_ORDER.flatMap((component) => {
    const value = result.components[component];
    const weight = result.effectiveWeights[component];
    if (value === null || weight === 0) return [];
    const fadeLoss = component === "recency" ? weightedSum * (1 - result.facts.overdueFade) : 0;
    const importance = explainStrengths ? weight * value : weight * (100 - value) + fadeLoss;
    const driver: EngagementDriver = {
      kind: component,
      // A component under the healthy bar is one that keeps the client from being healthy.
      effect: value >= settings.tiers.healthy ? "raises" : "lowers",
      text: describeComponent(component, result),
    };
    return [{ driver, importance }];
  })
    .sort((d1, d2) => d2.importance - d1.importance)
    .map((d) => d.driver);

  const pAlive = result.facts.pAlive;
  if (pAlive === null || (!result.cappedByPAlive && pAlive >= NOTABLE_P_ALIVE)) return ranked.slice(0, maxDrivers);
  const pAliveDriver: EngagementDriver = { kind: "pAlive", effect: "lowers", text: `P(alive) ${pAlive.toFixed(2)}` };
  // When it set the tier it is the main reason; otherwise it takes the last slot.
  return result.cappedByPAlive
    ? [pAliveDriver, ...ranked].slice(0, maxDrivers)
    : [...ranked.slice(0, maxDrivers - 1), pAliveDriver];
}
