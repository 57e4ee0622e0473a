import { describe, expect, it } from "vitest";
import { wholePercents } from "./whole-percents";

describe("wholePercents", () => {
  it("shows shares that make 100% as whole percents that make 100", () => {
    // Learned weights as the Scoring page showed them: 25%, 37%, 22%, 0% and 15%, which make 99.
    const shares = [0.2526, 0.3726, 0.2226, 0.0036, 0.1486];
    expect(shares.map((s) => Math.round(s * 100)).reduce((a, b) => a + b)).toBe(99);
    expect(wholePercents(shares)).toEqual([25, 37, 22, 1, 15]);
    expect(wholePercents([1 / 3, 1 / 3, 1 / 3]).reduce((a, b) => a + b)).toBe(100);
    expect(wholePercents([0.45, 0.25, 0.15, 0.15])).toEqual([45, 25, 15, 15]);
  });
});
