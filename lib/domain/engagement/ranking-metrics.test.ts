import { describe, expect, it } from "vitest";
import { areaUnderCurve, expectedCalibrationError, precisionAtTruePositives, probabilityBins } from "./ranking-metrics";

describe("areaUnderCurve", () => {
  it("is 1 for a perfect ranking, 0 for a reversed one, and counts ties as half", () => {
    expect(areaUnderCurve([1, 2, 3, 4], [false, false, true, true])).toBe(1);
    expect(areaUnderCurve([4, 3, 2, 1], [false, false, true, true])).toBe(0);
    expect(areaUnderCurve([1, 1, 1, 1], [false, true, false, true])).toBe(0.5);
    // Pairs (pos 2, neg 1) win, (pos 2, neg 3) lose, (pos 4, neg 1) and (pos 4, neg 3) win: 3 of 4.
    expect(areaUnderCurve([1, 2, 3, 4], [false, true, false, true])).toBe(0.75);
  });

  it("is null without both outcomes", () => {
    expect(areaUnderCurve([1, 2], [true, true])).toBeNull();
  });
});

describe("precisionAtTruePositives", () => {
  it("flags the highest risks until it catches as many, sharing a tie pro rata", () => {
    const risk = [9, 8, 7, 7, 1];
    const target = [true, false, true, false, true];
    expect(precisionAtTruePositives(risk, target, 1)).toBe(1);
    // 9 (hit), 8 (miss), then the whole tie at 7 (one hit, one miss) for the second hit: 2 caught of 4 flagged.
    expect(precisionAtTruePositives(risk, target, 2)).toBe(0.5);
    expect(precisionAtTruePositives(risk, target, 3)).toBe(3 / 5);
    expect(precisionAtTruePositives(risk, target, 4)).toBeNull();
    // One hit needed from a tie of four holding two: half the tie, in its own mix, after the first miss.
    expect(precisionAtTruePositives([9, 7, 7, 7, 7], [false, true, false, true, false], 1)).toBeCloseTo(1 / 3, 12);
  });
});

describe("calibration by deciles", () => {
  it("bins by prediction into equal counts and weighs the gaps by clients", () => {
    const predicted = [0.1, 0.1, 0.9, 0.9];
    const observed = [false, true, true, true];
    const bins = probabilityBins(predicted, observed, 2);
    expect(bins.map((b) => [b.clients, b.meanPredicted, b.shareObserved])).toEqual([
      [2, 0.1, 0.5],
      [2, 0.9, 1],
    ]);
    expect(expectedCalibrationError(bins)).toBeCloseTo((0.4 + 0.1) / 2, 12);
  });
});
