// Tunable knobs of the engagement score, validated with messages that name the field.
import { z } from "zod";

// Messages use the words of the settings form, since that is where people read them.
const LABELS = {
  recency: "Recency weight",
  frequency: "Frequency weight",
  value: "Value weight",
  keepRate: "Keep rate weight",
  healthy: "Healthy from",
  watch: "Watch from",
  atRisk: "At risk from",
} as const;

// zod 4 numbers already reject NaN and ±Infinity, with the type error below.
const boundedNumber = (label: string, min: number, max: number, unit = "") =>
  z
    .number({ error: `Enter a number for ${label}` })
    .min(min, { error: `${label} must be between ${min} and ${max}${unit}` })
    .max(max, { error: `${label} must be between ${min} and ${max}${unit}` });

const weight = (field: keyof typeof LABELS) => z.number({ error: `Enter a number for ${LABELS[field]}` }).min(0, { error: `${LABELS[field]} must be 0% or more` });

const threshold = (field: keyof typeof LABELS) => boundedNumber(LABELS[field], 0, 100);

const engagementWeightsSchema = z
  .object({
    recency: weight("recency"),
    frequency: weight("frequency"),
    value: weight("value"),
    keepRate: weight("keepRate"),
  })
  // A negative weight is reported on its own field; this only catches the all-zero case.
  .refine((w) => Object.values(w).some((v) => v < 0) || w.recency + w.frequency + w.value + w.keepRate > 0, {
    message: "Give at least one weight more than 0%",
  });

/** A score at or above `healthy` is healthy, at or above `watch` is watch, at or above `atRisk` is at risk, else lapsed. */
const tierThresholdsSchema = z
  .object({ healthy: threshold("healthy"), watch: threshold("watch"), atRisk: threshold("atRisk") })
  .superRefine((t, ctx) => {
    if (!(t.watch < t.healthy)) {
      ctx.addIssue({ code: "custom", path: ["watch"], message: "Watch from must be below Healthy from" });
    }
    if (!(t.atRisk < t.watch)) {
      ctx.addIssue({ code: "custom", path: ["atRisk"], message: "At risk from must be below Watch from" });
    }
  });

/** The settings form shows weights in percent; stored weights are fractions of 1. */
export const WEIGHT_KEYS = ["recency", "frequency", "value", "keepRate"] as const;

/** Percent weights must add up to 100, so 0.45 and 45 cannot both mean "45%". Null when they do (or a field has its own error). */
export function weightPercentTotalError(percents: Record<(typeof WEIGHT_KEYS)[number], number>): string | null {
  const values = WEIGHT_KEYS.map((k) => percents[k]);
  if (values.some((v) => !Number.isFinite(v) || v < 0)) return null;
  const total = values.reduce((s, v) => s + v, 0);
  return Math.abs(total - 100) < 0.05 ? null : `The weights add up to ${Number(total.toFixed(2))}%; make them add up to 100%`;
}

export const engagementSettingsSchema = z.object({
  weights: engagementWeightsSchema,
  tiers: tierThresholdsSchema,
  /** Average kept value per order, in cents, that earns a full value score. */
  valueScaleCents: z
    .number({ error: "Enter an amount like 200.00 for Full-value order" })
    .int({ error: "Full-value order must be a whole number of cents" })
    .positive({ error: "Full-value order must be more than 0.00" }),
  /** The order cadence expected of an engaged client; stands in for clients with fewer than two orders. */
  priorIntervalDays: boundedNumber("Expected rhythm", 1, 365, " days"),
  /** Below this BG/NBD P(alive), the tier is at most at_risk whatever the score. */
  pAliveAtRiskBelow: boundedNumber("At risk below P(alive)", 0, 1),
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
  return path ? `${path}: ${issue.message}` : issue.message;
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
