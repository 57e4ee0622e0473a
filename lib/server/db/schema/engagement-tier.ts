import { pgEnum } from "drizzle-orm/pg-core";

// In its own file so clients.ts and engagement.ts can both use it without importing each other first.
export const engagementTier = pgEnum("engagement_tier", ["healthy", "watch", "at_risk", "lapsed"]);
export type EngagementTierValue = (typeof engagementTier.enumValues)[number];
