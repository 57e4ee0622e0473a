import type { RiskTier } from "./policy-settings";

export const WIN_BACK_TIERS: readonly RiskTier[] = ["at_risk", "lapsed"];

/**
 * A client enters win-back when their tier becomes at risk or lapsed from anything else — including no tier at all
 * (a first score, as after an import of old history) and whatever the score, 0 included.
 */
export function entersWinBack(fromTier: RiskTier | null, toTier: RiskTier): boolean {
  return WIN_BACK_TIERS.includes(toTier) && (fromTier === null || !WIN_BACK_TIERS.includes(fromTier));
}

export type OutreachRoute = "auto_send" | "review" | "none";

/** Per the email policy: send on its own, wait for review, or not draft at all. */
export function outreachRoute(tier: RiskTier, policy: { autoSendTiers: readonly RiskTier[]; reviewTiers: readonly RiskTier[] }): OutreachRoute {
  if (policy.autoSendTiers.includes(tier)) return "auto_send";
  if (policy.reviewTiers.includes(tier)) return "review";
  return "none";
}
