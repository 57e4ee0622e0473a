import { describe, expect, it } from "vitest";
import { fieldErrorsFrom } from "@/lib/domain/validation";
import { DEFAULT_ENGAGEMENT_SETTINGS } from "./settings";
import { engagementSettingsFormSchema } from "./settings-form";

const form = {
  weights: { recency: "0.45", frequency: "0.25", value: "0.15", keepRate: "0.15" },
  tiers: { healthy: "75", watch: "50", atRisk: "30" },
  valueScale: "200.00",
  priorIntervalDays: "42",
  pAliveAtRiskBelow: "0.3",
};

describe("engagementSettingsFormSchema", () => {
  it("turns the form's text into the settings it saves", () => {
    expect(engagementSettingsFormSchema.parse(form)).toEqual(DEFAULT_ENGAGEMENT_SETTINGS);
  });

  it("reports empty, non-numeric and missing fields by the settings' names", () => {
    const parsed = engagementSettingsFormSchema.safeParse({ ...form, weights: { ...form.weights, recency: "" }, valueScale: "lots", tiers: undefined });
    expect(parsed.success).toBe(false);
    const errors = parsed.success ? {} : fieldErrorsFrom(parsed.error);
    expect(Object.keys(errors).sort()).toEqual(["tiers.atRisk", "tiers.healthy", "tiers.watch", "valueScaleCents", "weights.recency"]);
    expect(errors["weights.recency"]).toEqual(["weights.recency must be a finite number"]);
  });
});
