// Explainable 0–100 engagement score for one client as of a date.
import { type ClientHistory, DAY_MS } from "./history";
import { DEFAULT_ENGAGEMENT_SETTINGS, type EngagementSettings, type EngagementWeights } from "./settings";

import type { EngagementTier } from "./tiers";

export type { EngagementTier } from "./tiers";
/** "outlook" is 100 × the drop-out model's P(at least one order in the next 90 days). */
export type EngagementComponent = keyof EngagementWeights | "outlook";
/**
 * Weights over every component. The admin's settings weigh the four history components (outlook 0); weights learned
 * on the shop's own history (see learnScoreWeights) weigh the outlook too.
 */
export type ScoreWeights = Record<EngagementComponent, number>;

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
  /** How many of the latest orders the keep rate and average value cover. */
  recentOrderCount: number;
  recentItemsShipped: number;
  recentItemsKept: number;
  averageKeptValueCents: number | null;
  pAlive: number | null;
  /** P(at least one order in the next 90 days), null without a model forecast. */
  pOrder90d: number | null;
  /** True when the weights were learned on the shop's history rather than taken from the settings. */
  learnedWeights: boolean;
}

export interface EngagementScore {
  score: number;
  tier: EngagementTier;
  /** The tier the score alone gives, before any P(alive) cap. */
  scoreTier: EngagementTier;
  cappedByPAlive: boolean;
  components: EngagementComponents;
  /** Normalised weights actually applied: zero for unmeasurable components. */
  effectiveWeights: ScoreWeights;
  facts: EngagementFacts;
}

interface ScoreEngagementInput {
  history: ClientHistory;
  asOf: Date;
  settings?: EngagementSettings;
  /** The drop-out model's P(alive) for the client, if a model has been fitted. */
  pAlive?: number | null;
  /** The model's P(at least one order in the next 90 days). */
  pOrder90d?: number | null;
  /** Weights learned on the shop's history; without them the settings' weights apply. */
  learnedWeights?: ScoreWeights | null;
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
const COMPONENTS: readonly EngagementComponent[] = ["recency", "frequency", "value", "keepRate", "outlook"];

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

const NO_WEIGHTS: ScoreWeights = Object.freeze({ recency: 0, frequency: 0, value: 0, keepRate: 0, outlook: 0 });
// Per weights object, the normalised weights for each of the 32 patterns of unmeasurable components: a full run
// scores a million clients with the same settings, and allocating them afresh each time is most of a score's cost.
const weightsByPattern = new WeakMap<ScoreWeights, (ScoreWeights | undefined)[]>();
const settingsWeights = new WeakMap<EngagementWeights, ScoreWeights>();

/** The admin's weights over all components: the outlook has no weight of its own there. */
function fromSettings(weights: EngagementWeights): ScoreWeights {
  let known = settingsWeights.get(weights);
  if (!known) settingsWeights.set(weights, (known = Object.freeze({ ...weights, outlook: 0 })));
  return known;
}

/** Normalised weights over the measurable components (bit i of `pattern` set: COMPONENTS[i] is not); all zero when nothing is measurable. */
function applicableWeights(weights: ScoreWeights, pattern: number): ScoreWeights {
  let cached = weightsByPattern.get(weights);
  if (!cached) weightsByPattern.set(weights, (cached = []));
  const known = cached[pattern];
  if (known) return known;
  const masked = { ...weights };
  COMPONENTS.forEach((c, i) => {
    if (pattern & (1 << i)) masked[c] = 0;
  });
  const total = COMPONENTS.reduce((s, c) => s + masked[c], 0);
  const applicable = total > 0 ? Object.freeze(Object.fromEntries(COMPONENTS.map((c) => [c, masked[c] / total])) as ScoreWeights) : NO_WEIGHTS;
  cached[pattern] = applicable;
  return applicable;
}

/** One history's figures as plain numbers, NaN where ClientHistory has null: what a bulk run reads from columns. */
export interface HistoryFigures {
  orderCount: number;
  orderDayCount: number;
  firstOrderMs: number;
  lastOrderMs: number;
  ordersLast12Months: number;
  meanInterOrderGapDays: number;
  recentItemsShipped: number;
  recentItemsKept: number;
  averageKeptValueCents: number;
}

export function historyFigures(history: ClientHistory): HistoryFigures {
  return {
    orderCount: history.orderCount,
    orderDayCount: history.orderDayCount,
    firstOrderMs: history.firstOrderAt?.getTime() ?? Number.NaN,
    lastOrderMs: history.lastOrderAt?.getTime() ?? Number.NaN,
    ordersLast12Months: history.ordersLast12Months,
    meanInterOrderGapDays: history.meanInterOrderGapDays ?? Number.NaN,
    recentItemsShipped: history.recentItemsShipped,
    recentItemsKept: history.recentItemsKept,
    averageKeptValueCents: history.averageKeptValueCents ?? Number.NaN,
  };
}

/**
 * A score's working as plain numbers (NaN for null, components unrounded). A bulk run reuses one from client to
 * client, so scoring a million clients allocates nothing per client.
 */
export class ScoreWorking {
  score = 0;
  tier: EngagementTier = "lapsed";
  scoreTier: EngagementTier = "lapsed";
  cappedByPAlive = false;
  recency = Number.NaN;
  frequency = Number.NaN;
  value = Number.NaN;
  keepRate = Number.NaN;
  outlook = Number.NaN;
  effectiveWeights: ScoreWeights = NO_WEIGHTS;
  daysSinceLastOrder = Number.NaN;
  typicalIntervalDays = 0;
  intervalSource: EngagementFacts["intervalSource"] = "prior";
  overdueRatio = Number.NaN;
  overdueFade = 1;
}

/**
 * Weighted sum of the components, written into `out`. A client who never ordered scores 0 (lapsed).
 * With weights learned on the shop's history (`learned`), the sum is the score: those weights were fitted to rank
 * who orders again, the model's outlook among them. With the admin's weights (the fallback while the history is too
 * thin to learn from) the sum is faded for far-overdue clients, and a P(alive) below settings.pAliveAtRiskBelow caps
 * the tier at at_risk without changing the score, so the tier listens to the model.
 */
export function scoreFigures(
  figures: HistoryFigures,
  asOfMs: number,
  settings: EngagementSettings,
  pAlive: number | null,
  out: ScoreWorking,
  pOrder90d = Number.NaN,
  learned: ScoreWeights | null = null,
): ScoreWorking {
  if (pAlive !== null && !(pAlive >= 0 && pAlive <= 1)) throw new RangeError(`pAlive must be between 0 and 1, got ${pAlive}`);
  const gap = figures.meanInterOrderGapDays;
  const ownInterval = figures.orderDayCount >= 2 && Number.isFinite(gap);
  out.typicalIntervalDays = ownInterval ? Math.max(MIN_TYPICAL_INTERVAL_DAYS, gap) : settings.priorIntervalDays;
  out.intervalSource = ownInterval ? "client" : "prior";
  if (figures.orderCount === 0 || Number.isNaN(figures.firstOrderMs) || Number.isNaN(figures.lastOrderMs)) {
    out.recency = out.frequency = out.value = out.keepRate = out.outlook = Number.NaN;
    out.daysSinceLastOrder = out.overdueRatio = Number.NaN;
  } else {
    out.daysSinceLastOrder = Math.max(0, (asOfMs - figures.lastOrderMs) / DAY_MS);
    out.overdueRatio = out.daysSinceLastOrder / out.typicalIntervalDays;
    out.recency = recencyScore(out.overdueRatio);
    out.frequency = frequencyScore(figures.ordersLast12Months, Math.max(0, (asOfMs - figures.firstOrderMs) / DAY_MS), settings.priorIntervalDays);
    const average = figures.averageKeptValueCents;
    out.value = Number.isNaN(average) ? Number.NaN : 100 * clamp(average / settings.valueScaleCents, 0, 1);
    out.keepRate = figures.recentItemsShipped > 0 ? 100 * clamp(figures.recentItemsKept / figures.recentItemsShipped, 0, 1) : Number.NaN;
    out.outlook = Number.isNaN(pOrder90d) ? Number.NaN : 100 * clamp(pOrder90d, 0, 1);
  }
  const unmeasured =
    (Number.isNaN(out.recency) ? 1 : 0) | (Number.isNaN(out.frequency) ? 2 : 0) | (Number.isNaN(out.value) ? 4 : 0) | (Number.isNaN(out.keepRate) ? 8 : 0) | (Number.isNaN(out.outlook) ? 16 : 0);
  const w = (out.effectiveWeights = applicableWeights(learned ?? fromSettings(settings.weights), unmeasured));
  out.overdueFade = learned || Number.isNaN(out.overdueRatio) ? 1 : overdueFade(out.overdueRatio);
  const weightedSum =
    w.recency * measured(out.recency) + w.frequency * measured(out.frequency) + w.value * measured(out.value) + w.keepRate * measured(out.keepRate) + w.outlook * measured(out.outlook);
  out.score = Math.round(clamp(weightedSum * out.overdueFade, 0, 100));
  out.scoreTier = tierForScore(out.score, settings.tiers);
  out.cappedByPAlive = !learned && pAlive !== null && pAlive < settings.pAliveAtRiskBelow && (out.scoreTier === "healthy" || out.scoreTier === "watch");
  out.tier = out.cappedByPAlive ? "at_risk" : out.scoreTier;
  return out;
}

/** A component's part in the weighted sum: an unmeasurable one (NaN) adds nothing. */
function measured(value: number): number {
  return Number.isNaN(value) ? 0 : value;
}

/** A component as stored and shown: whole points, null when unmeasurable. */
export const roundedComponent = (value: number): number | null => (Number.isNaN(value) ? null : Math.round(value));
const orNull = (value: number): number | null => (Number.isNaN(value) ? null : value);

/** The score of one client as of a date, with its components and the facts behind them (see scoreFigures). */
export function scoreEngagement(input: ScoreEngagementInput): EngagementScore {
  const settings = input.settings ?? DEFAULT_ENGAGEMENT_SETTINGS;
  const { history, asOf } = input;
  const pAlive = input.pAlive ?? null;
  const pOrder90d = input.pOrder90d ?? null;
  const learned = input.learnedWeights ?? null;
  const working = scoreFigures(historyFigures(history), asOf.getTime(), settings, pAlive, new ScoreWorking(), pOrder90d ?? Number.NaN, learned);
  return {
    score: working.score,
    tier: working.tier,
    scoreTier: working.scoreTier,
    cappedByPAlive: working.cappedByPAlive,
    components: {
      recency: roundedComponent(working.recency),
      frequency: roundedComponent(working.frequency),
      value: roundedComponent(working.value),
      keepRate: roundedComponent(working.keepRate),
      outlook: roundedComponent(working.outlook),
    },
    effectiveWeights: working.effectiveWeights,
    facts: {
      orderCount: history.orderCount,
      daysSinceLastOrder: orNull(working.daysSinceLastOrder),
      typicalIntervalDays: working.typicalIntervalDays,
      intervalSource: working.intervalSource,
      overdueRatio: orNull(working.overdueRatio),
      overdueFade: working.overdueFade,
      ordersLast12Months: history.ordersLast12Months,
      recentOrderCount: history.recentOrderCount,
      recentItemsShipped: history.recentItemsShipped,
      recentItemsKept: history.recentItemsKept,
      averageKeptValueCents: history.averageKeptValueCents,
      pAlive,
      pOrder90d,
      learnedWeights: learned !== null,
    },
  };
}
