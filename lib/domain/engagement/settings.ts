// Tunable knobs of the engagement score, validated with messages that name the field.
import { z } from "zod";

// zod 4 numbers already reject NaN and ±Infinity, with the type error below.
const boundedNumber = (field: string, min: number, max: number) =>
  z
    .number({ error: `${field} must be a finite number` })
    .min(min, { error: `${field} must be between ${min} and ${max}` })
    .max(max, { error: `${field} must be between ${min} and ${max}` });

const weight = (field: string) =>
  z.number({ error: `weights.${field} must be a finite number` }).min(0, { error: `weights.${field} must be zero or more` });

const threshold = (field: string) => boundedNumber(`tiers.${field}`, 0, 100);

export const engagementWeightsSchema = z
  .object({
    recency: weight("recency"),
    frequency: weight("frequency"),
    value: weight("value"),
    keepRate: weight("keepRate"),
  })
  // A negative weight is reported on its own field; this only catches the all-zero case.
  .refine((w) => Object.values(w).some((v) => v < 0) || w.recency + w.frequency + w.value + w.keepRate > 0, {
    message: "weights must not all be zero",
  });

/** A score at or above `healthy` is healthy, at or above `watch` is watch, at or above `atRisk` is at risk, else lapsed. */
export const tierThresholdsSchema = z
  .object({ healthy: threshold("healthy"), watch: threshold("watch"), atRisk: threshold("atRisk") })
  .superRefine((t, ctx) => {
    if (!(t.watch < t.healthy)) {
      ctx.addIssue({ code: "custom", path: ["watch"], message: "tiers.watch must be below tiers.healthy" });
    }
    if (!(t.atRisk < t.watch)) {
      ctx.addIssue({ code: "custom", path: ["atRisk"], message: "tiers.atRisk must be below tiers.watch" });
    }
  });

export const engagementSettingsSchema = z.object({
  weights: engagementWeightsSchema,
  tiers: tierThresholdsSchema,
  /** Average kept value per order, in cents, that earns a full value score. */
  valueScaleCents: z
    .number({ error: "valueScaleCents must be a finite number" })
    .int({ error: "valueScaleCents must be a whole number of cents" })
    .positive({ error: "valueScaleCents must be more than 0" }),
  /** The order cadence expected of an engaged client; stands in for clients with fewer than two orders. */
  priorIntervalDays: boundedNumber("priorIntervalDays", 1, 365),
  /** Below this BG/NBD P(alive), the tier is at most at_risk whatever the score. */
  pAliveAtRiskBelow: boundedNumber("pAliveAtRiskBelow", 0, 1),
});

export type EngagementSettings = z.infer<typeof engagementSettingsSchema>;
export type EngagementWeights = EngagementSettings["weights"];
export type TierThresholds = EngagementSettings["tiers"];

export const DEFAULT_ENGAGEMENT_SETTINGS: EngagementSettings = {
  weights: { recency: 0.45, frequency: 0.25, value: 0.15, keepRate: 0.15 },
  tiers: { healthy: 75, watch: 50, atRisk: 30 },
  valueScaleCents: 20_000,
  priorIntervalDays: 42,
  pAliveAtRiskBelow: 0.3,
};

/** Parses settings or throws one error listing every problem, each naming its field. */
export function parseEngagementSettings(input: unknown): EngagementSettings {
  const result = engagementSettingsSchema.safeParse(input);
  if (result.success) return result.data;
  throw new Error(`Invalid engagement settings: ${result.error.issues.map(describeIssue).join("; ")}`);
}

function describeIssue(issue: z.ZodError["issues"][number]): string {
  const path = issue.path.map(String).join(".");
  // Our own messages already start with the field; zod's built-in ones (missing objects, unknown types) do not.
  return path && !issue.message.startsWith(path) ? `${path}: ${issue.message}` : issue.message;
}

/** Weights scaled to sum to 1. */
export function normaliseWeights(weights: EngagementWeights): EngagementWeights {
  const total = weights.recency + weights.frequency + weights.value + weights.keepRate;
  return {
    recency: weights.recency / total,
    frequency: weights.frequency / total,
    value: weights.value / total,
    keepRate: weights.keepRate / total,
  };
}
