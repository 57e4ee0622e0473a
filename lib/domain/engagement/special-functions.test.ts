import { describe, expect, it } from "vitest";
import { digamma, expm1Ratio, hyp2f1, hyp2f1Excess, lgamma, logAddExp, logBeta, logSumExp } from "./special-functions";

const EULER_GAMMA = 0.5772156649015329;

describe("lgamma", () => {
  it("matches known values", () => {
    expect(lgamma(1)).toBeCloseTo(0, 14);
    expect(lgamma(2)).toBeCloseTo(0, 14);
    expect(lgamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    expect(lgamma(10)).toBeCloseTo(Math.log(362_880), 12);
    expect(lgamma(0.1)).toBeCloseTo(2.252712651734206, 13);
  });

  it("stays accurate for large arguments (Stirling)", () => {
    const x = 1e6;
    const stirling = (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x);
    expect(Math.abs(lgamma(x) - stirling) / stirling).toBeLessThan(1e-14);
  });

  it("is infinite at the poles", () => {
    expect(lgamma(0)).toBe(Number.POSITIVE_INFINITY);
    expect(lgamma(-3)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("digamma", () => {
  it("matches known values", () => {
    expect(digamma(1)).toBeCloseTo(-EULER_GAMMA, 13);
    expect(digamma(0.5)).toBeCloseTo(-EULER_GAMMA - 2 * Math.log(2), 13);
    expect(digamma(10)).toBeCloseTo(-EULER_GAMMA + [1, 2, 3, 4, 5, 6, 7, 8, 9].reduce((s, k) => s + 1 / k, 0), 13);
  });

  it("is the derivative of lgamma", () => {
    for (const x of [0.05, 0.8, 3.3, 42, 500]) {
      const h = 1e-5 * x;
      expect(digamma(x)).toBeCloseTo((lgamma(x + h) - lgamma(x - h)) / (2 * h), 6);
    }
  });
});

describe("log-space helpers", () => {
  it("adds without overflow", () => {
    expect(logAddExp(1000, 1000)).toBeCloseTo(1000 + Math.log(2), 12);
    expect(logSumExp([-1000, -1000, -1000])).toBeCloseTo(-1000 + Math.log(3), 12);
    expect(logSumExp([])).toBe(Number.NEGATIVE_INFINITY);
    expect(logAddExp(Number.NEGATIVE_INFINITY, 2)).toBe(2);
  });

  it("computes ln B(a, b)", () => {
    expect(logBeta(2, 3)).toBeCloseTo(Math.log(1 / 12), 14);
  });

  it("has the right limit for (e^{sL} − 1)/s", () => {
    expect(expm1Ratio(0, -0.7)).toBe(-0.7);
    expect(expm1Ratio(1e-12, -0.7)).toBeCloseTo(-0.7, 10);
  });
});

describe("hyp2f1", () => {
  it("matches closed forms", () => {
    for (const z of [-0.6, 0.1, 0.5, 0.9, 0.99]) {
      expect(hyp2f1(1, 1, 2, z)).toBeCloseTo(-Math.log(1 - z) / z, 12);
      expect(hyp2f1(0.7, 2.5, 2.5, z)).toBeCloseTo((1 - z) ** -0.7, 10);
    }
    // 2F1(1/2, 1/2; 3/2; z²) = arcsin(z)/z
    expect(hyp2f1(0.5, 0.5, 1.5, 0.25)).toBeCloseTo(Math.asin(0.5) / 0.5, 13);
  });

  it("terminates for a negative integer numerator parameter", () => {
    // 2F1(−2, b; c; z) = 1 − 2bz/c + b(b+1)z²/(c(c+1))
    expect(hyp2f1(-2, 3, 4, 0.5)).toBeCloseTo(1 - (2 * 3 * 0.5) / 4 + (3 * 4 * 0.25) / (4 * 5), 14);
  });

  it("gives (2F1 − 1)/b without cancellation for tiny b", () => {
    // d/db 2F1(1, b; 2; z) at b = 0 is Σ_{k≥1} z^k / (k (k+1)).
    const z = 0.5;
    const derivative = Array.from({ length: 200 }, (_, i) => z ** (i + 1) / ((i + 1) * (i + 2))).reduce((s, v) => s + v, 0);
    expect(hyp2f1Excess(1, 1e-14, 2, z)).toBeCloseTo(derivative, 12);
  });

  it("refuses to sum where the series diverges", () => {
    expect(() => hyp2f1(1, 1, 2, 1)).toThrow(RangeError);
    expect(() => hyp2f1(1, 1, -2, 0.5)).toThrow(RangeError);
  });
});
