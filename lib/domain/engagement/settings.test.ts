import { describe, expect, it } from "vitest";
import { DEFAULT_ENGAGEMENT_SETTINGS, engagementSettingsSchema, normaliseWeights, parseEngagementSettings, weightPercentTotalError } from "./settings";

const D = DEFAULT_ENGAGEMENT_SETTINGS;

describe("engagementSettingsSchema", () => {
  it("accepts the defaults", () => {
    expect(parseEngagementSettings(D)).toEqual(D);
  });

  it.each([
    ["a negative weight", { ...D, weights: { ...D.weights, recency: -1 } }, "weights.recency: Recency weight must be 0% or more"],
    ["all-zero weights", { ...D, weights: { recency: 0, frequency: 0, value: 0, keepRate: 0 } }, "weights: Give at least one weight more than 0%"],
    ["a non-numeric weight", { ...D, weights: { ...D.weights, value: "high" } }, "weights.value: Enter a number for Value weight"],
    ["a missing weight", { ...D, weights: { recency: 1, frequency: 1, value: 1 } }, "weights.keepRate: Enter a number for Keep rate weight"],
    ["thresholds out of order", { ...D, tiers: { healthy: 50, watch: 60, atRisk: 20 } }, "tiers.watch: Watch from must be below Healthy from"],
    ["equal thresholds", { ...D, tiers: { healthy: 70, watch: 40, atRisk: 40 } }, "tiers.atRisk: At risk from must be below Watch from"],
    ["a threshold over 100", { ...D, tiers: { ...D.tiers, healthy: 120 } }, "tiers.healthy: Healthy from must be between 0 and 100"],
    ["a negative threshold", { ...D, tiers: { ...D.tiers, atRisk: -5 } }, "tiers.atRisk: At risk from must be between 0 and 100"],
    ["fractional cents", { ...D, valueScaleCents: 99.5 }, "valueScaleCents: Full-value order must be a whole number of cents"],
    ["a zero value scale", { ...D, valueScaleCents: 0 }, "valueScaleCents: Full-value order must be more than 0.00"],
    ["a zero prior interval", { ...D, priorIntervalDays: 0 }, "priorIntervalDays: Expected rhythm must be between 1 and 365 days"],
    ["an infinite prior interval", { ...D, priorIntervalDays: Number.POSITIVE_INFINITY }, "priorIntervalDays: Enter a number for Expected rhythm"],
    ["a P(alive) cut-off above 1", { ...D, pAliveAtRiskBelow: 1.5 }, "pAliveAtRiskBelow: At risk below P(alive) must be between 0 and 1"],
  ])("rejects %s with a message naming the field", (_label, input, message) => {
    expect(() => parseEngagementSettings(input)).toThrow(message);
  });

  it("puts each issue on its field's path for forms", () => {
    const result = engagementSettingsSchema.safeParse({ ...D, tiers: { healthy: 50, watch: 60, atRisk: 20 } });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join("."))).toEqual(["tiers.watch"]);
  });

  it("names the field zod itself complains about", () => {
    expect(() => parseEngagementSettings({ ...D, tiers: undefined })).toThrow(/^Invalid engagement settings: tiers: /);
    expect(() => parseEngagementSettings(null)).toThrow(/Invalid engagement settings/);
  });

  it("lists every problem at once", () => {
    expect(() => parseEngagementSettings({ ...D, valueScaleCents: -1, priorIntervalDays: 0 })).toThrow(
      /valueScaleCents: Full-value order must be more than 0.00; priorIntervalDays: Expected rhythm must be between 1 and 365 days/,
    );
  });
});

describe("normaliseWeights", () => {
  it("scales weights to sum to 1", () => {
    expect(normaliseWeights({ recency: 2, frequency: 1, value: 1, keepRate: 0 })).toEqual({
      recency: 0.5,
      frequency: 0.25,
      value: 0.25,
      keepRate: 0,
    });
  });
});

describe("weightPercentTotalError", () => {
  it("asks for percents that add up to 100, so fractions cannot pass for percents", () => {
    expect(weightPercentTotalError({ recency: 45, frequency: 25, value: 15, keepRate: 15 })).toBeNull();
    expect(weightPercentTotalError({ recency: 0.45, frequency: 0.25, value: 0.15, keepRate: 0.15 })).toBe("The weights add up to 1%; make them add up to 100%");
    expect(weightPercentTotalError({ recency: 45, frequency: 25, value: 15, keepRate: 10 })).toBe("The weights add up to 95%; make them add up to 100%");
    // A field with its own error is reported there, not again as a total.
    expect(weightPercentTotalError({ recency: Number.NaN, frequency: 25, value: 15, keepRate: 10 })).toBeNull();
  });
});
