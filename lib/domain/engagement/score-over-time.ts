// A client's score as of each past week, rebuilt from their orders with the same scoring as a rescoring run.
import { assessEngagement, type EngagementModel } from "./assess";
import { DAY_MS, type EngagementOrder, summariseHistory } from "./history";
import type { EngagementTier } from "./score";
import type { EngagementSettings } from "./settings";

export interface ScorePoint {
  asOf: Date;
  score: number;
  tier: EngagementTier;
}

const WEEK_MS = 7 * DAY_MS;
/** Two years of weeks: enough to see a client's whole recent story, few enough to score on each page view. */
const SCORE_OVER_TIME_WEEKS = 104;

/**
 * The score as of `until` and each week before it, back to the client's first counted order (at most `weeks`
 * points), oldest first. Each point sees only the orders placed by then; today's settings and model apply to all.
 */
export function scoreOverTime(input: { orders: readonly EngagementOrder[]; until: Date; settings: EngagementSettings; model: EngagementModel | null; weeks?: number }): ScorePoint[] {
  const counted = input.orders.filter((o) => o.status !== "cancelled");
  if (counted.length === 0) return [];
  const firstMs = Math.min(...counted.map((o) => o.orderedAt.getTime()));
  const points: ScorePoint[] = [];
  for (let k = 0; k < (input.weeks ?? SCORE_OVER_TIME_WEEKS); k++) {
    const asOf = new Date(input.until.getTime() - k * WEEK_MS);
    if (asOf.getTime() < firstMs) break;
    const history = summariseHistory(counted, asOf);
    const { score, tier } = assessEngagement({ history, asOf, settings: input.settings, model: input.model, explain: false });
    points.push({ asOf, score, tier });
  }
  return points.reverse();
}
