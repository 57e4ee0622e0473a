import { describe, expect, it } from "vitest";
import { minimizeBfgs } from "./optimize";

describe("minimizeBfgs", () => {
  it("finds the Rosenbrock minimum from the classic start", () => {
    const rosenbrock = ([x = 0, y = 0]: readonly number[]) => ({
      value: (1 - x) ** 2 + 100 * (y - x * x) ** 2,
      gradient: [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)],
    });
    const result = minimizeBfgs(rosenbrock, [-1.2, 1], { maxIterations: 500, maxStep: 10 });
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 6);
    expect(result.x[1]).toBeCloseTo(1, 6);
  });

  it("solves a badly scaled quadratic", () => {
    const quadratic = ([x = 0, y = 0]: readonly number[]) => ({
      value: 1e4 * (x - 3) ** 2 + (y + 2) ** 2,
      gradient: [2e4 * (x - 3), 2 * (y + 2)],
    });
    const result = minimizeBfgs(quadratic, [0, 0], { maxStep: 10 });
    expect(result.x[0]).toBeCloseTo(3, 8);
    expect(result.x[1]).toBeCloseTo(-2, 8);
  });

  it("backs away from regions where the objective is not finite", () => {
    // ln barrier: undefined for x <= 0, minimum at x = 1.
    const barrier = ([x = 0]: readonly number[]) => ({ value: x - Math.log(x), gradient: [1 - 1 / x] });
    const result = minimizeBfgs(barrier, [5], { maxStep: 100 });
    expect(result.x[0]).toBeCloseTo(1, 7);
  });

  it("refuses a start where the objective is not finite", () => {
    expect(() => minimizeBfgs(() => ({ value: Number.NaN, gradient: [0] }), [0])).toThrow(RangeError);
  });
});
