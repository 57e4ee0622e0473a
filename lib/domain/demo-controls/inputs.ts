import { z } from "zod";
import { ENGAGEMENT_TIERS } from "@/lib/domain/engagement/tiers";
import { typedWholeNumber } from "@/lib/domain/validation";

export const TIER_OVERRIDE_DAY_CHOICES = [1, 3, 7, 14, 30] as const;
const MAX_TIER_OVERRIDE_DAYS = 30;

/** A demo's tier override: which client, which tier, for how many days. */
export const tierOverrideSchema = z.object({
  clientId: z.uuid("Unknown client"),
  tier: z.enum(ENGAGEMENT_TIERS, { error: "Choose a tier" }),
  days: typedWholeNumber("Choose how many days", (n) => n.min(1, "Override for at least one day").max(MAX_TIER_OVERRIDE_DAYS, `Override for at most ${MAX_TIER_OVERRIDE_DAYS} days`)),
});

export const clearTierOverrideSchema = z.object({ clientId: z.uuid("Unknown client") });
