// What a full rescoring changed and what the fitted churn model says, in words an admin reads.
import type { BgNbdParams } from "./bgnbd";
import type { EngagementTier } from "./score";

const RANK: Record<EngagementTier, number> = { lapsed: 0, at_risk: 1, watch: 2, healthy: 3 };

export interface TierChangeSummary {
  changed: number;
  rose: number;
  fell: number;
  /** A client scored for the first time has no earlier tier. */
  firstScored: number;
}

/** Counts of tier changes, by (from, to), folded into how many clients rose, fell or were scored for the first time. */
export function summariseTierChanges(rows: readonly { from: EngagementTier | null; to: EngagementTier; clients: number }[]): TierChangeSummary {
  const out: TierChangeSummary = { changed: 0, rose: 0, fell: 0, firstScored: 0 };
  for (const { from, to, clients } of rows) {
    out.changed += clients;
    if (from === null) out.firstScored += clients;
    else if (RANK[to] > RANK[from]) out.rose += clients;
    else if (RANK[to] < RANK[from]) out.fell += clients;
  }
  return out;
}

const percent = (p: number) => `${Math.round(p * 100)}%`;

/**
 * BG/NBD's four parameters read as two statements: purchase rates are gamma(r, α) per week, so a typical active
 * client orders r/α times a week; after each order a client drops out with a chance drawn from beta(a, b), on
 * average a/(a+b).
 */
export function readModel(params: BgNbdParams): { purchase: string; dropout: string } {
  const perWeek = params.r / params.alpha;
  const weeks = perWeek > 0 ? 1 / perWeek : Number.POSITIVE_INFINITY;
  return {
    purchase: `A typical active client orders about once every ${weeks >= 100 ? Math.round(weeks).toLocaleString("en-US") : weeks.toFixed(1)} weeks (r ÷ α = ${perWeek.toPrecision(3)} orders a week).`,
    dropout: `After each order, a client stops ordering with a chance of about ${percent(params.a / (params.a + params.b))} on average (a ÷ (a + b)).`,
  };
}
