import type { EngagementTier } from "@/lib/domain/engagement/tiers";

/** A demo override as the pages read it. */
export type TierOverride = { tier: EngagementTier; expiresAt: Date };

/** Whether an override still counts at `now`: one past its expiry counts for nothing, swept or not. */
export function isOverrideActive(override: TierOverride | null | undefined, now: Date): override is TierOverride {
  return Boolean(override && override.expiresAt.getTime() > now.getTime());
}

/** The tier a page shows: the demo override while it lasts, else the scored tier. */
export function effectiveTier(scored: EngagementTier | null, override: TierOverride | null | undefined, now: Date): EngagementTier | null {
  return isOverrideActive(override, now) ? override.tier : scored;
}
