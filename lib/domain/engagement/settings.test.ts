import { describe, expect, it } from "vitest";
import { DEFAULT_ENGAGEMENT_SETTINGS, engagementSettingsSchema, normaliseWeights, parseEngagementSettings } from "./settings";

const D = DEFAULT_ENGAGEMENT_SETTINGS;

describe("engagementSettingsSchema", () => {
  it("accepts the defaults", () => {
    expect(parseEngagementSettings(D)).toEqual(D);
  });

  it.each([
    ["a negative weight", { ...D, weights: { ...D.weights, recency: -1 } }, "weights.recency must be zero or more"],
    ["all-zero weights", { ...D, weights: { recency: 0, frequency: 0, value: 0, keepRate: 0 } }, "weights must not all be zero"],
    ["a non-numeric weight", { ...D, weights: { ...D.weights, value: "high" } }, "weights.value must be a finite number"],
    ["a missing weight", { ...D, weights: { recency: 1, frequency: 1, value: 1 } }, "weights.keepRate must be a finite number"],
    ["thresholds out of order", { ...D, tiers: { healthy: 50, watch: 60, atRisk: 20 } }, "tiers.watch must be below tiers.healthy"],
    ["equal thresholds", { ...D, tiers: { healthy: 70, watch: 40, atRisk: 40 } }, "tiers.atRisk must be below tiers.watch"],
    ["a threshold over 100", { ...D, tiers: { ...D.tiers, healthy: 120 } }, "tiers.healthy must be between 0 and 100"],
    ["a negative threshold", { ...D, tiers: { ...D.tiers, atRisk: -5 } }, "tiers.atRisk must be between 0 and 100"],
    ["fractional cents", { ...D, valueScaleCents: 99.5 }, "valueScaleCents must be a whole number of cents"],
    ["a zero value scale", { ...D, valueScaleCents: 0 }, "valueScaleCents must be more than 0"],
    ["a zero prior interval", { ...D, priorIntervalDays: 0 }, "priorIntervalDays must be between 1 and 365"],
    ["an infinite prior interval", { ...D, priorIntervalDays: Number.POSITIVE_INFINITY }, "priorIntervalDays must be a finite number"],
    ["a P(alive) cut-off above 1", { ...D, pAliveAtRiskBelow: 1.5 }, "pAliveAtRiskBelow must be between 0 and 1"],
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
      /valueScaleCents must be more than 0; priorIntervalDays must be between 1 and 365/,
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
