import { describe, expect, it } from "vitest";
import { fieldErrorsFrom } from "@/lib/domain/validation";
import { DEFAULT_ENGAGEMENT_SETTINGS } from "./settings";
import { engagementSettingsFormSchema } from "./settings-form";

const form = {
  weights: { recency: "45", frequency: "25", value: "15", keepRate: "15" },
  tiers: { healthy: "75", watch: "50", atRisk: "30" },
  valueScale: "200.00",
  priorIntervalDays: "42",
  pAliveAtRiskBelow: "0.3",
};

describe("engagementSettingsFormSchema", () => {
  it("turns the form's text into the settings it saves", () => {
    expect(engagementSettingsFormSchema.parse(form)).toEqual(DEFAULT_ENGAGEMENT_SETTINGS);
  });

  it("reports weights that do not add up to 100%, alone", () => {
    const parsed = engagementSettingsFormSchema.safeParse({ ...form, weights: { ...form.weights, recency: "50" }, valueScale: "lots" });
    expect(parsed.success ? {} : fieldErrorsFrom(parsed.error)).toEqual({ weights: ["The weights add up to 105%; make them add up to 100%"] });
  });

  it("reports empty, non-numeric and missing fields by the settings' names", () => {
    const parsed = engagementSettingsFormSchema.safeParse({ ...form, weights: { ...form.weights, recency: "" }, valueScale: "lots", tiers: undefined });
    expect(parsed.success).toBe(false);
    const errors = parsed.success ? {} : fieldErrorsFrom(parsed.error);
    expect(Object.keys(errors).sort()).toEqual(["tiers.atRisk", "tiers.healthy", "tiers.watch", "valueScaleCents", "weights.recency"]);
    expect(errors["weights.recency"]).toEqual(["Enter a number for Recency weight"]);
  });

  it("reads numbers only as they are typed: '0x30' and '1e2' are no thresholds", () => {
    const parsed = engagementSettingsFormSchema.safeParse({ ...form, tiers: { healthy: "1e2", watch: "0x30", atRisk: "30" } });
    expect(Object.keys(parsed.success ? {} : fieldErrorsFrom(parsed.error)).sort()).toEqual(["tiers.healthy", "tiers.watch"]);
  });
});
