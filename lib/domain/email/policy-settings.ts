import { z } from "zod";
import { ENGAGEMENT_TIERS } from "@/lib/domain/engagement/tiers";
import { emailAddress, typedWholeNumber } from "@/lib/domain/validation";

export const RISK_TIERS = ENGAGEMENT_TIERS;
export type RiskTier = (typeof RISK_TIERS)[number];
export const TIER_LABELS: Record<RiskTier, string> = { healthy: "Healthy", watch: "Watch", at_risk: "At risk", lapsed: "Lapsed" };
/** The tiers whose clients enter win-back outreach: the only ones the policy routes, each a choice on its form. */
export const WIN_BACK_TIERS = ["at_risk", "lapsed"] as const satisfies readonly RiskTier[];
type WinBackTier = (typeof WIN_BACK_TIERS)[number];
export const isWinBackTier = (tier: RiskTier): tier is WinBackTier => (WIN_BACK_TIERS as readonly RiskTier[]).includes(tier);

/**
 * How win-back emails go out: which tiers are drafted at all, which of those are sent without a
 * person reviewing them, how often one client may be emailed, and which model writes the drafts.
 */
const emailPolicyFields = z.object({
  senderName: z.string().trim().min(1, "Enter the sender name").max(80, "Keep the sender name to 80 characters or fewer"),
  senderEmail: z.string().trim().pipe(emailAddress("Enter a valid sender address, like stylists@yourbrand.com")),
  autoSendTiers: z.array(z.enum(RISK_TIERS, "Unknown tier")).default([]),
  reviewTiers: z.array(z.enum(RISK_TIERS, "Unknown tier")).default([]),
  minDaysBetweenEmails: typedWholeNumber("Enter a number of days", (n) => n.min(1, "At least 1 day").max(365, "At most 365 days")),
  aiModel: z
    .string()
    .trim()
    .min(3, "Enter a model id, like anthropic/claude-sonnet-4.5")
    .max(120, "That model id is too long")
    .regex(/^[\w.-]+\/[\w.:-]+$/, "Use an OpenRouter model id: provider/model"),
});

export const emailPolicySchema = emailPolicyFields.superRefine((policy, ctx) => {
  const both = policy.autoSendTiers.filter((t) => policy.reviewTiers.includes(t));
  if (both.length) ctx.addIssue({ code: "custom", path: ["autoSendTiers"], message: `A tier cannot both send automatically and wait for review: ${both.map((t) => TIER_LABELS[t]).join(", ")}` });
  if (policy.autoSendTiers.includes("healthy")) ctx.addIssue({ code: "custom", path: ["autoSendTiers"], message: "Healthy clients are never sent win-back emails automatically" });
});

export type EmailPolicy = z.infer<typeof emailPolicySchema>;

/** What happens to a client entering a win-back tier: nothing drafted, a draft to review, or an email sent on its own. */
export const WIN_BACK_ROUTES = ["none", "review", "auto_send"] as const;
const routeChoice = z.enum(WIN_BACK_ROUTES, "Choose what happens to these clients");

/**
 * The policy as its form posts it: one choice per win-back tier (`route.at_risk`, `route.lapsed`), so a tier cannot
 * be ticked both ways and no tier outreach never reaches is offered; read into the stored lists of tiers, the other
 * fields checked as the settings' own schema (emailPolicySchema) checks them.
 */
export const emailPolicyFormSchema = emailPolicyFields
  .omit({ autoSendTiers: true, reviewTiers: true })
  .extend({ route: z.object({ at_risk: routeChoice, lapsed: routeChoice } satisfies Record<WinBackTier, typeof routeChoice>, "Choose what happens to each tier") })
  .transform(({ route, ...rest }): z.input<typeof emailPolicySchema> => ({
    ...rest,
    autoSendTiers: WIN_BACK_TIERS.filter((tier) => route[tier] === "auto_send"),
    reviewTiers: WIN_BACK_TIERS.filter((tier) => route[tier] === "review"),
  }));

export const DEFAULT_EMAIL_POLICY: EmailPolicy = {
  senderName: "Your Rekindle stylist",
  senderEmail: "stylists@rekindle.test",
  autoSendTiers: [],
  reviewTiers: ["at_risk", "lapsed"],
  minDaysBetweenEmails: 21,
  aiModel: "anthropic/claude-sonnet-4.5",
};
