import { describe, expect, it } from "vitest";
import { fitCalibration, applyCalibration } from "./calibration";
import { learnScoreWeights, type WeightExample } from "./learn-weights";

/** A deterministic pseudo-random stream, so the tests never flake. */
function stream(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Clients whose chance of ordering rises with recency and outlook, falls with value, and ignores the rest. */
function examples(n: number): WeightExample[] {
  const next = stream(7);
  return Array.from({ length: n }, () => {
    const recency = 100 * next();
    const outlook = 100 * next();
    const value = 100 * next();
    const logit = -3 + 0.03 * recency + 0.03 * outlook - 0.02 * value;
    return {
      components: { recency, frequency: 100 * next(), value, keepRate: 100, outlook },
      orderedAgain: next() < 1 / (1 + Math.exp(-logit)),
    };
  });
}

describe("learnScoreWeights", () => {
  it("puts the weight on the components that foretell ordering, never below zero", () => {
    const learned = learnScoreWeights(examples(5000));
    expect(learned).not.toBeNull();
    const w = learned?.weights ?? { recency: 0, frequency: 0, value: 0, keepRate: 0, outlook: 0 };
    expect(Object.values(w).every((v) => v >= 0)).toBe(true);
    expect(Object.values(w).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    // Value lowers the chance here, but a weight may not turn the score against its driver: it is held at zero.
    expect(w.value).toBe(0);
    expect(w.keepRate).toBe(0);
    expect(w.recency).toBeGreaterThan(0.35);
    expect(w.outlook).toBeGreaterThan(0.35);
    expect(w.frequency).toBeLessThan(0.1);
  });

  it("declines a history too thin to learn from", () => {
    expect(learnScoreWeights(examples(100))).toBeNull();
    const nobodyOrdered = examples(5000).map((e) => ({ ...e, orderedAgain: false }));
    expect(learnScoreWeights(nobodyOrdered)).toBeNull();
  });
});

describe("hazard calibration", () => {
  it("recovers a purchase rate the model put off by a factor, and carries it to a longer horizon", () => {
    const next = stream(3);
    // The true rate is twice the model's: true P = 1 − (1 − model P)^2.
    const predicted = Array.from({ length: 20000 }, () => 0.05 + 0.5 * next());
    const observed = predicted.map((p) => next() < 1 - (1 - p) ** 2);
    const calibration = fitCalibration(predicted, observed);
    expect(calibration?.slope ?? 0).toBeCloseTo(1, 1);
    expect(calibration?.intercept ?? 0).toBeCloseTo(Math.log(2), 1);
    // Over three times the horizon the model says 1 − (1 − p)^3; the truth is 1 − (1 − p)^6.
    const p = 1 - (1 - 0.2) ** 3;
    expect(applyCalibration(calibration ?? { intercept: 0, slope: 1 }, p)).toBeCloseTo(1 - (1 - 0.2) ** 6, 1);
  });
});
