// The model check: does the score foretell who orders again better than "days since last order" and than the
// model's own P(order) alone? Side by side, with the at-risk tier on its own and the calibration of P(order).
import { areaUnderCurve, expectedCalibrationError, precisionAtTruePositives, precisionInBand, type ProbabilityBin, probabilityBins, truePositivesAtPrecision } from "./ranking-metrics";
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
  /**
   * The rule's precision at the same recall, the longest-gone clients first; for the at-risk tier alone, over the
   * rule's band of as many clients after those the score calls lapsed (the rule's own "still within reach").
   */
  rulePrecision: number | null;
  /** How many the rule catches at the flag's precision. */
  ruleCaughtAtPrecision: number;
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

const TIER_ORDER: readonly EngagementTier[] = ["healthy", "watch", "at_risk", "lapsed"];

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

function compareFlag(clients: readonly CheckedClient[], flaggedTiers: readonly EngagementTier[], ruleRisk: Float64Array, lapsedFlag: boolean[], bandAfter: number | null = null): FlagComparison {
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
    rulePrecision: bandAfter === null ? precisionAtTruePositives(ruleRisk, lapsedFlag, caught) : precisionInBand(ruleRisk, lapsedFlag, bandAfter, flagged),
    ruleCaughtAtPrecision: flagged > 0 ? truePositivesAtPrecision(ruleRisk, lapsedFlag, caught / flagged) : 0,
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
    atRisk: compareFlag(clients, ["at_risk"], ruleRisk, notOrdered, clients.filter((c) => c.tier === "lapsed").length),
    tiers,
    tiersInOrder: shares.every((share, i) => i === 0 || share < (shares[i - 1] ?? 1)),
    calibration,
    calibrationError: expectedCalibrationError(calibration),
  };
}

/** The check in a sentence or two: whether the score beats the rule, and by how much. */
export interface ModelCheckVerdict {
  beatsRule: boolean;
  headline: string;
  details: string[];
}

const pct = (v: number) => `${Math.round(v * 100)}%`;

export function verdictOf(report: ModelCheckReport): ModelCheckVerdict | null {
  const { auc, flag } = report;
  if (auc.score === null || auc.rule === null || flag.precision === null || flag.rulePrecision === null) return null;
  const ranksBetter = auc.score > auc.rule;
  const flagsBetter = flag.precision >= flag.rulePrecision;
  const details = [
    `Ranking who orders again: AUC ${auc.score.toFixed(2)} for the score, ${auc.rule.toFixed(2)} for days since last order${auc.model === null ? "" : `, ${auc.model.toFixed(2)} for the model's P(order) alone`}.`,
    `Flagged at risk or lapsed: ${pct(flag.precision)} did not order again; the rule, catching as many, ${pct(flag.rulePrecision)}.`,
  ];
  // Beating the rule means nothing when both rank no better than a coin (a horizon too short for a fix to come, or
  // too little history): the score's own AUC must be above chance for any praise.
  if (ranksBetter && flagsBetter && auc.score <= 0.5) {
    return {
      beatsRule: false,
      headline: `Warning: at this cutoff and horizon the score ranks clients no better than chance (AUC ${auc.score.toFixed(2)}), so neither it nor the rule tells who will order. Try a longer horizon, or a cutoff with more history before it.`,
      details,
    };
  }
  if (ranksBetter && flagsBetter) {
    const more = flag.ruleCaughtAtPrecision > 0 ? flag.caught / flag.ruleCaughtAtPrecision - 1 : null;
    const headline =
      more !== null && more > 0.005
        ? `The score finds ${pct(more)} more of the clients who will not order again than the days-since-last-order rule, at the same precision (${pct(flag.precision)}).`
        : `The score is at least as precise as the days-since-last-order rule at the same recall (${pct(flag.precision)} against ${pct(flag.rulePrecision)}), and ranks clients better.`;
    return { beatsRule: true, headline, details };
  }
  return {
    beatsRule: false,
    headline: `Warning: at this cutoff the score does not beat the days-since-last-order rule${ranksBetter ? " on its at-risk flag" : ""}. Read its tiers with care.`,
    details,
  };
}
