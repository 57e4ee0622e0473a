/**
 * The engagement tiers, best first. Adding a tier is adding it here (then `npm run db:generate` for the enum): the
 * database enum, its sort order, the previous-tier codes of a full run and every tier list derive from this one.
 */
export const ENGAGEMENT_TIERS = ["healthy", "watch", "at_risk", "lapsed"] as const;
export type EngagementTier = (typeof ENGAGEMENT_TIERS)[number];
