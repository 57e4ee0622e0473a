// The model check: does the score foretell who orders again better than "days since last order" and than the
// model's own P(order) alone? Side by side, with the at-risk tier on its own and the calibration of P(order).
import { TIER_ORDER } from "./backtest";
import { areaUnderCurve, expectedCalibrationError, precisionAtTruePositives, type ProbabilityBin, probabilityBins } from "./ranking-metrics";
import type { EngagementTier } from "./score";

/** One client as scored at the cutoff, and what it did in the horizon after. */
export interface CheckedClient {
  score: number;
  tier: EngagementTier;
  /** The model's P(at least one order within the horizon); NaN without a model. */
  pOrder: number;
  daysSinceLastOrder: number;
  orderedAgain: boolean;
}

/** A flag (tiers that count as flagged) beside the days-since-last-order rule flagging as many of the same clients. */
export interface FlagComparison {
  flagged: number;
  /** Flagged clients who did not order again. */
  caught: number;
  precision: number | null;
  recall: number | null;
  /** The rule's precision when it catches as many (the longest-gone clients first). */
  rulePrecision: number | null;
}

export interface TierReorders {
  tier: EngagementTier;
  clients: number;
  shareOrdered: number | null;
}

export interface ModelCheckReport {
  clients: number;
  orderedAgain: number;
  auc: { score: number | null; model: number | null; rule: number | null };
  /** At risk and lapsed together, and at risk alone: the clients still within reach. */
  flag: FlagComparison;
  atRisk: FlagComparison;
  tiers: TierReorders[];
  /** True when every tier with clients reorders less than the tier above it. */
  tiersInOrder: boolean;
  calibration: ProbabilityBin[];
  calibrationError: number | null;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

function compareFlag(clients: readonly CheckedClient[], flaggedTiers: readonly EngagementTier[], ruleRisk: Float64Array, lapsedFlag: boolean[]): FlagComparison {
  let flagged = 0;
  let caught = 0;
  for (const c of clients) {
    if (!flaggedTiers.includes(c.tier)) continue;
    flagged++;
    if (!c.orderedAgain) caught++;
  }
  const notReordered = clients.filter((c) => !c.orderedAgain).length;
  return {
    flagged,
    caught,
    precision: ratio(caught, flagged),
    recall: ratio(caught, notReordered),
    rulePrecision: precisionAtTruePositives(ruleRisk, lapsedFlag, caught),
  };
}

export function checkModel(clients: readonly CheckedClient[], bins = 10): ModelCheckReport {
  const ordered = clients.map((c) => c.orderedAgain);
  const notOrdered = clients.map((c) => !c.orderedAgain);
  const ruleRisk = Float64Array.from(clients, (c) => c.daysSinceLastOrder);
  const withModel = clients.flatMap((c) => (Number.isNaN(c.pOrder) ? [] : [c]));
  const tiers = TIER_ORDER.map((tier) => {
    const inTier = clients.filter((c) => c.tier === tier);
    return { tier, clients: inTier.length, shareOrdered: ratio(inTier.filter((c) => c.orderedAgain).length, inTier.length) };
  });
  const shares = tiers.flatMap((t) => (t.shareOrdered === null ? [] : [t.shareOrdered]));
  const calibration = probabilityBins(
    withModel.map((c) => c.pOrder),
    withModel.map((c) => c.orderedAgain),
    bins,
  );
  return {
    clients: clients.length,
    orderedAgain: ordered.filter(Boolean).length,
    auc: {
      score: areaUnderCurve(Float64Array.from(clients, (c) => c.score), ordered),
      model: withModel.length === clients.length ? areaUnderCurve(Float64Array.from(clients, (c) => c.pOrder), ordered) : null,
      rule: areaUnderCurve(Float64Array.from(clients, (c) => -c.daysSinceLastOrder), ordered),
    },
    flag: compareFlag(clients, ["at_risk", "lapsed"], ruleRisk, notOrdered),
    atRisk: compareFlag(clients, ["at_risk"], ruleRisk, notOrdered),
    tiers,
    tiersInOrder: shares.every((share, i) => i === 0 || share < (shares[i - 1] ?? 1)),
    calibration,
    calibrationError: expectedCalibrationError(calibration),
  };
}
