// How well scores computed at a past cutoff foretold who ordered again within a horizon after it.
import type { EngagementTier } from "./score";

/** One client scored with only the orders before the cutoff, and what they did next. */
export interface BacktestClient {
  /** The tier at the cutoff; at_risk and lapsed count as flagged. */
  tier: EngagementTier;
  /** P(alive) at the cutoff; null when the client had no model forecast. */
  pAlive: number | null;
  /** Placed at least one order within the horizon after the cutoff. */
  orderedAgain: boolean;
}

/** One slice of clients with similar P(alive): what the model promised against what happened. */
export interface CalibrationBin {
  /** 1 for the lowest P(alive) slice. */
  bin: number;
  clients: number;
  minPAlive: number;
  maxPAlive: number;
  meanPAlive: number;
  shareOrdered: number;
}

/** What became of each tier: a tier that deserves trust shows a clear step between healthy and lapsed. */
export interface TierOutcome {
  tier: EngagementTier;
  clients: number;
  shareOrdered: number | null;
}

export const TIER_ORDER: readonly EngagementTier[] = ["healthy", "watch", "at_risk", "lapsed"];
export const isFlagged = (tier: EngagementTier) => tier === "at_risk" || tier === "lapsed";

export interface BacktestMetrics {
  clients: number;
  /** Flagged at risk (at_risk or lapsed) at the cutoff. */
  flagged: number;
  /** Did not order within the horizon: what the flag tries to predict. */
  notReordered: number;
  /** Flagged and indeed did not order. */
  truePositives: number;
  /** Of the flagged, the share who did not order. */
  precision: number | null;
  /** Of those who did not order, the share that was flagged. */
  recall: number | null;
  /** The share of all clients who did not order: what flagging at random would achieve as precision. */
  baseRate: number | null;
  /** Precision over the base rate: 1 is no better than random. */
  lift: number | null;
  tiers: TierOutcome[];
  /** Equal-count slices of the clients with a P(alive), lowest first. */
  calibration: CalibrationBin[];
}

const ratio = (numerator: number, denominator: number) => (denominator > 0 ? numerator / denominator : null);

/**
 * Sorts by P(alive) and cuts into `bins` slices of (nearly) equal size, so each decile holds a tenth of the clients
 * even when many share a value (one-time buyers all have P(alive) 1).
 */
export function calibrationBins(clients: readonly BacktestClient[], bins = 10): CalibrationBin[] {
  const scored = clients
    .flatMap((c) => (c.pAlive === null ? [] : [{ pAlive: c.pAlive, orderedAgain: c.orderedAgain }]))
    .sort((c1, c2) => c1.pAlive - c2.pAlive);
  const result: CalibrationBin[] = [];
  for (let i = 0; i < bins; i++) {
    const slice = scored.slice(Math.floor((i * scored.length) / bins), Math.floor(((i + 1) * scored.length) / bins));
    const first = slice[0];
    const last = slice.at(-1);
    if (!first || !last) continue;
    result.push({
      bin: result.length + 1,
      clients: slice.length,
      minPAlive: first.pAlive,
      maxPAlive: last.pAlive,
      meanPAlive: slice.reduce((s, c) => s + c.pAlive, 0) / slice.length,
      shareOrdered: slice.filter((c) => c.orderedAgain).length / slice.length,
    });
  }
  return result;
}

export function evaluateBacktest(clients: readonly BacktestClient[], bins = 10): BacktestMetrics {
  let flagged = 0;
  let notReordered = 0;
  let truePositives = 0;
  const byTier = new Map(TIER_ORDER.map((tier) => [tier, { clients: 0, ordered: 0 }]));
  for (const c of clients) {
    const flaggedClient = isFlagged(c.tier);
    if (flaggedClient) flagged++;
    if (!c.orderedAgain) notReordered++;
    if (flaggedClient && !c.orderedAgain) truePositives++;
    const tier = byTier.get(c.tier);
    if (tier) {
      tier.clients++;
      if (c.orderedAgain) tier.ordered++;
    }
  }
  const precision = ratio(truePositives, flagged);
  const baseRate = ratio(notReordered, clients.length);
  return {
    clients: clients.length,
    flagged,
    notReordered,
    truePositives,
    precision,
    recall: ratio(truePositives, notReordered),
    baseRate,
    lift: precision === null || baseRate === null ? null : ratio(precision, baseRate),
    tiers: TIER_ORDER.map((tier) => {
      const t = byTier.get(tier) ?? { clients: 0, ordered: 0 };
      return { tier, clients: t.clients, shareOrdered: ratio(t.ordered, t.clients) };
    }),
    calibration: calibrationBins(clients, bins),
  };
}
