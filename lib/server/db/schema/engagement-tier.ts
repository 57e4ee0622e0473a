import "server-only";
import { pgEnum } from "drizzle-orm/pg-core";
import { ENGAGEMENT_TIERS } from "../../../domain/engagement/tiers";

// The tiers come from the domain's one list (relative import: drizzle-kit reads this file without the @/ alias).
// In its own file so clients.ts and engagement.ts can both use it without importing each other first.
export const engagementTier = pgEnum("engagement_tier", ENGAGEMENT_TIERS);
export type EngagementTierValue = (typeof engagementTier.enumValues)[number];
