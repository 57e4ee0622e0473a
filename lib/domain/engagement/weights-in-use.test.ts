import { describe, expect, it } from "vitest";
import { learnedWeightsText, weightsInUseText } from "./weights-in-use";

const learned = { outlook: 0.25, recency: 0.375, frequency: 0.125, value: 0.125, keepRate: 0.125 };

describe("weightsInUseText", () => {
  it("says learned weights are in use, in whole percents, and that the admin's are the fallback", () => {
    const text = weightsInUseText({ weights: learned }, "Dec 6, 2026");
    expect(text).toContain("learned on the shop's own history by the model fitted Dec 6, 2026: outlook 25%, recency 38%, frequency 13%, value 12%, keep rate 12%");
    expect(text).toContain("apply only when a fit finds too little history");
  });
  it("says the admin's weights are in use when the fit learned none, or before any fit", () => {
    expect(weightsInUseText({ weights: null }, "Dec 6, 2026")).toMatch(/^Scores use the weights below .*fitted Dec 6, 2026 found too little history/);
    expect(weightsInUseText(null, "")).toMatch(/^No churn model is fitted yet, so scores use the weights below/);
  });
});

describe("learnedWeightsText", () => {
  it("adds up to 100 whatever the rounding", () => {
    const percents = [...learnedWeightsText({ outlook: 1 / 3, recency: 1 / 3, frequency: 1 / 3 }).matchAll(/(\d+)%/g)].map((m) => Number(m[1]));
    expect(percents.reduce((a, b) => a + b, 0)).toBe(100);
  });
});
