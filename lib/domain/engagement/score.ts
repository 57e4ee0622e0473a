// Explainable 0–100 engagement score for one client as of a date.
import { type ClientHistory, daysBetween } from "./history";
import { DEFAULT_ENGAGEMENT_SETTINGS, type EngagementSettings, type EngagementWeights, normaliseWeights } from "./settings";

export type EngagementTier = "healthy" | "watch" | "at_risk" | "lapsed";
export type EngagementComponent = keyof EngagementWeights;

/** Each component on 0–100; null when the history cannot measure it (its weight is then shared out). */
export type EngagementComponents = Record<EngagementComponent, number | null>;

/** The raw numbers behind the components, kept so drivers can quote them. */
export interface EngagementFacts {
  orderCount: number;
  daysSinceLastOrder: number | null;
  typicalIntervalDays: number;
  /** "client" when the usual gap comes from the client's own orders, "prior" when from settings. */
  intervalSource: "client" | "prior";
  overdueRatio: number | null;
  /** Factor applied to the weighted sum (1 unless the client is far overdue). */
  overdueFade: number;
  ordersLast12Months: number;
  recentItemsShipped: number;
  recentItemsKept: number;
  averageKeptValueCents: number | null;
  pAlive: number | null;
}

export interface EngagementScore {
  score: number;
  tier: EngagementTier;
  /** The tier the score alone gives, before any P(alive) cap. */
  scoreTier: EngagementTier;
  cappedByPAlive: boolean;
  components: EngagementComponents;
  /** Normalised weights actually applied: zero for unmeasurable components. */
  effectiveWeights: EngagementWeights;
  facts: EngagementFacts;
}

export interface ScoreEngagementInput {
  history: ClientHistory;
  asOf: Date;
  settings?: EngagementSettings;
  /** BG/NBD P(alive) for the client, if a model has been fitted. */
  pAlive?: number | null;
}

// At or under the usual gap a client is on time; at 2.5 usual gaps recency has fallen to zero.
const ON_TIME_RATIO = 1;
const ZERO_RECENCY_RATIO = 2.5;
// Beyond that the whole score fades, reaching 0 at five usual gaps: a good past can't hold up a client who stopped.
const ZERO_SCORE_RATIO = 5;
// Same-week reorders should not make a client overdue a fortnight later.
const MIN_TYPICAL_INTERVAL_DAYS = 7;
const YEAR_DAYS = 365;

const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, v));
const round = (v: number | null) => (v === null ? null : Math.round(v));
const COMPONENTS: readonly EngagementComponent[] = ["recency", "frequency", "value", "keepRate"];

export function recencyScore(overdueRatio: number): number {
  return 100 * clamp((ZERO_RECENCY_RATIO - overdueRatio) / (ZERO_RECENCY_RATIO - ON_TIME_RATIO), 0, 1);
}

/** Multiplier on the whole score: 1 until recency hits zero, then linearly down to 0 at ZERO_SCORE_RATIO. */
export function overdueFade(overdueRatio: number): number {
  return clamp((ZERO_SCORE_RATIO - overdueRatio) / (ZERO_SCORE_RATIO - ZERO_RECENCY_RATIO), 0, 1);
}

/** Orders in the last 12 months against one per prior interval, pro-rated for clients younger than a year. */
export function frequencyScore(ordersLast12Months: number, daysSinceFirstOrder: number, priorIntervalDays: number): number {
  const expectedOrders = Math.max(1, Math.min(YEAR_DAYS, daysSinceFirstOrder) / priorIntervalDays);
  return 100 * clamp(ordersLast12Months / expectedOrders, 0, 1);
}

export function tierForScore(score: number, tiers: EngagementSettings["tiers"]): EngagementTier {
  if (score >= tiers.healthy) return "healthy";
  if (score >= tiers.watch) return "watch";
  if (score >= tiers.atRisk) return "at_risk";
  return "lapsed";
}

function typicalInterval(history: ClientHistory, settings: EngagementSettings) {
  const gap = history.meanInterOrderGapDays;
  if (history.orderDayCount >= 2 && gap !== null && Number.isFinite(gap)) {
    return { days: Math.max(MIN_TYPICAL_INTERVAL_DAYS, gap), source: "client" as const };
  }
  return { days: settings.priorIntervalDays, source: "prior" as const };
}

function measureComponents(history: ClientHistory, asOf: Date, settings: EngagementSettings) {
  const interval = typicalInterval(history, settings);
  const { firstOrderAt, lastOrderAt } = history;
  if (history.orderCount === 0 || !firstOrderAt || !lastOrderAt) {
    const none: EngagementComponents = { recency: null, frequency: null, value: null, keepRate: null };
    return { components: none, interval, daysSinceLastOrder: null, overdueRatio: null };
  }
  const daysSinceLastOrder = Math.max(0, daysBetween(lastOrderAt, asOf));
  const overdueRatio = daysSinceLastOrder / interval.days;
  const average = history.averageKeptValueCents;
  const components: EngagementComponents = {
    recency: recencyScore(overdueRatio),
    frequency: frequencyScore(history.ordersLast12Months, Math.max(0, daysBetween(firstOrderAt, asOf)), settings.priorIntervalDays),
    value: average === null ? null : 100 * clamp(average / settings.valueScaleCents, 0, 1),
    keepRate: history.recentItemsShipped > 0 ? 100 * clamp(history.recentItemsKept / history.recentItemsShipped, 0, 1) : null,
  };
  return { components, interval, daysSinceLastOrder, overdueRatio };
}

const NO_WEIGHTS: EngagementWeights = Object.freeze({ recency: 0, frequency: 0, value: 0, keepRate: 0 });
// Per weights object, the normalised weights for each of the 16 patterns of unmeasurable components: a full run
// scores a million clients with the same settings, and allocating them afresh each time is most of a score's cost.
const weightsByPattern = new WeakMap<EngagementWeights, (EngagementWeights | undefined)[]>();

/** Normalised weights over the measurable components; all zero when nothing is measurable. */
function applicableWeights(weights: EngagementWeights, components: EngagementComponents): EngagementWeights {
  const pattern = COMPONENTS.reduce((bits, c, i) => (components[c] === null ? bits | (1 << i) : bits), 0);
  let cached = weightsByPattern.get(weights);
  if (!cached) weightsByPattern.set(weights, (cached = []));
  const known = cached[pattern];
  if (known) return known;
  const masked = { ...weights };
  for (const c of COMPONENTS) if (components[c] === null) masked[c] = 0;
  const total = COMPONENTS.reduce((s, c) => s + masked[c], 0);
  const applicable = total > 0 ? Object.freeze(normaliseWeights(masked)) : NO_WEIGHTS;
  cached[pattern] = applicable;
  return applicable;
}

/**
 * Weighted sum of recency, frequency, value and keep rate, faded for far-overdue clients.
 * A client who never ordered scores 0 (lapsed).
 * A BG/NBD P(alive) below settings.pAliveAtRiskBelow caps the tier at at_risk without changing the score,
 * so the number stays a plain weighted sum while the tier listens to the model.
 */
export function scoreEngagement(input: ScoreEngagementInput): EngagementScore {
  const settings = input.settings ?? DEFAULT_ENGAGEMENT_SETTINGS;
  const { history, asOf } = input;
  const pAlive = input.pAlive ?? null;
  if (pAlive !== null && !(pAlive >= 0 && pAlive <= 1)) throw new RangeError(`pAlive must be between 0 and 1, got ${pAlive}`);
  const measured = measureComponents(history, asOf, settings);
  const effectiveWeights = applicableWeights(settings.weights, measured.components);

  const fade = measured.overdueRatio === null ? 1 : overdueFade(measured.overdueRatio);
  const weightedSum = COMPONENTS.reduce((s, c) => s + effectiveWeights[c] * (measured.components[c] ?? 0), 0);
  const rawScore = weightedSum * fade;
  const score = Math.round(clamp(rawScore, 0, 100));
  const scoreTier = tierForScore(score, settings.tiers);
  const cappedByPAlive =
    pAlive !== null && pAlive < settings.pAliveAtRiskBelow && (scoreTier === "healthy" || scoreTier === "watch");

  return {
    score,
    tier: cappedByPAlive ? "at_risk" : scoreTier,
    scoreTier,
    cappedByPAlive,
    components: {
      recency: round(measured.components.recency),
      frequency: round(measured.components.frequency),
      value: round(measured.components.value),
      keepRate: round(measured.components.keepRate),
    },
    effectiveWeights,
    facts: {
      orderCount: history.orderCount,
      daysSinceLastOrder: measured.daysSinceLastOrder,
      typicalIntervalDays: measured.interval.days,
      intervalSource: measured.interval.source,
      overdueRatio: measured.overdueRatio,
      overdueFade: fade,
      ordersLast12Months: history.ordersLast12Months,
      recentItemsShipped: history.recentItemsShipped,
      recentItemsKept: history.recentItemsKept,
      averageKeptValueCents: history.averageKeptValueCents,
      pAlive,
    },
  };
}
