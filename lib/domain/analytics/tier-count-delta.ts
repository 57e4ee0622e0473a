// How one client's change moves the overview's tier counts (tier_counts_daily), so a single rescoring, a demo
// override or a reassignment moves them at once instead of waiting for the next full run.
import { DASHBOARD_TIERS, type DashboardTier } from "./tier-summary";

/** A client as the tier counts see them: their stylist, shown tier, score and value at risk; null when not counted (unscored). */
interface CountedClient {
  stylistId: string | null;
  tier: DashboardTier;
  score: number;
  valueAtRiskCents: number | null;
}

/** What to add to one (stylist, tier) row of the counts: negative for what leaves it. */
export interface TierCountDelta {
  stylistId: string | null;
  tier: DashboardTier;
  clients: number;
  scoreSum: number;
  scoreBands: number[];
  valueAtRiskCents: number;
}

const isTier = (tier: string | null): tier is DashboardTier => tier !== null && (DASHBOARD_TIERS as readonly string[]).includes(tier);

/** A stored client row as the counts see it: null while unscored (tier or score missing). */
export function countedClient(row: { stylistId: string | null; tier: string | null; score: number | null; valueAtRiskCents: number | null }): CountedClient | null {
  return isTier(row.tier) && row.score !== null ? { stylistId: row.stylistId, tier: row.tier, score: row.score, valueAtRiskCents: row.valueAtRiskCents } : null;
}

/** The score band (of ten points, 90–100 the last) the counts put a score in, as the full run does. */
export function scoreBand(score: number, bands = 10): number {
  return Math.min(Math.max(Math.floor(score / 10), 0), bands - 1);
}

/**
 * The net change to the counts of clients moving from `before` to `after` (either null: not counted), summed per
 * (stylist, tier); rows that net to nothing are left out. Value at risk is kept for every tier, as the full run stores
 * it, rounded to whole cents per row.
 */
export function tierCountDeltas(moves: readonly { before: CountedClient | null; after: CountedClient | null }[], bands = 10): TierCountDelta[] {
  const rows = new Map<string, TierCountDelta>();
  const add = (client: CountedClient, sign: 1 | -1) => {
    const key = `${client.stylistId ?? ""}|${client.tier}`;
    const row = rows.get(key) ?? { stylistId: client.stylistId, tier: client.tier, clients: 0, scoreSum: 0, scoreBands: Array.from({ length: bands }, () => 0), valueAtRiskCents: 0 };
    row.clients += sign;
    row.scoreSum += sign * client.score;
    const band = scoreBand(client.score, bands);
    row.scoreBands[band] = (row.scoreBands[band] ?? 0) + sign;
    row.valueAtRiskCents += sign * (client.valueAtRiskCents ?? 0);
    rows.set(key, row);
  };
  for (const { before, after } of moves) {
    if (before) add(before, -1);
    if (after) add(after, 1);
  }
  return [...rows.values()]
    .map((row) => ({ ...row, valueAtRiskCents: Math.round(row.valueAtRiskCents) }))
    .filter((row) => row.clients !== 0 || row.scoreSum !== 0 || row.valueAtRiskCents !== 0 || row.scoreBands.some((n) => n !== 0));
}
