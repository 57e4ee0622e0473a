// The copy of a client's latest assessment kept in client_scores for lists, and when it needs rewriting.
import type { EngagementAssessment } from "./assess";
import type { EngagementTier } from "./score";

export interface CurrentEngagement {
  score: number;
  tier: EngagementTier;
  pAlive: number | null;
  /** The chance of an order in 90 days the score used (see EngagementAssessment.pOrder90d). */
  pOrder90d: number | null;
  /** When the next order is due by the client's rhythm (see nextOrderDueMs): it moves only with their orders. */
  nextOrderExpectedAt: Date | null;
}

const roundTo = (value: number | null, decimals: number) => {
  if (value === null) return null;
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
};

/** The list copy's rounding on plain numbers (NaN stays NaN), for a bulk run that keeps them in columns. */
export const listRounding = {
  pAlive: (value: number) => roundTo(value, 2) ?? Number.NaN,
  pOrder90d: (value: number) => roundTo(value, 2) ?? Number.NaN,
};

/**
 * Whether the lists keep a score for the client: not for one with no orders (none, or only cancelled ones). There is
 * nothing to measure, and "lapsed, 0" would count a client who has not had a first fix among those who left; their
 * page says "not scored yet", and the lists, Today and the tier counts agree.
 */
export const keepsScore = (assessment: Pick<EngagementAssessment, "facts">): boolean => assessment.facts.orderCount > 0;

/**
 * Rounded to what a list shows (P(alive) and the chance of an order to 0.01); null for a client the lists show
 * unscored (see keepsScore).
 * Why: rescoring a client after an order rewrites its list row only when what the list shows changed, so a
 * repeat with the same as-of date rewrites nothing. (A full run rebuilds the whole table anyway.)
 */
export function currentEngagementOf(assessment: EngagementAssessment): CurrentEngagement | null {
  if (!keepsScore(assessment)) return null;
  return {
    score: assessment.score,
    tier: assessment.tier,
    pAlive: roundTo(assessment.pAlive, 2),
    pOrder90d: roundTo(assessment.pOrder90d, 2),
    nextOrderExpectedAt: assessment.nextOrderExpectedAt,
  };
}

function sameNextOrder(stored: Date | null, fresh: Date | null): boolean {
  return stored === null || fresh === null ? stored === fresh : stored.getTime() === fresh.getTime();
}

/** Whether the stored copy still shows `fresh`. Compares as stored: P(alive) and the chance are 4-byte floats. */
export function sameCurrentEngagement(stored: CurrentEngagement, fresh: CurrentEngagement): boolean {
  return (
    stored.score === fresh.score &&
    stored.tier === fresh.tier &&
    roundTo(stored.pAlive, 2) === roundTo(fresh.pAlive, 2) &&
    roundTo(stored.pOrder90d, 2) === roundTo(fresh.pOrder90d, 2) &&
    sameNextOrder(stored.nextOrderExpectedAt, fresh.nextOrderExpectedAt)
  );
}
