import { describe, expect, it } from "vitest";
import { estimateUplift, proportionDifference, wilsonInterval } from "./uplift";

describe("wilsonInterval", () => {
  it("matches Newcombe's (1998) worked values", () => {
    // Newcombe 1998, Table I: 81/263 → 0.2553 to 0.3662 (method 3, Wilson score without continuity correction).
    const w = wilsonInterval(81, 263);
    expect(w.low).toBeCloseTo(0.2553, 4);
    expect(w.high).toBeCloseTo(0.3662, 4);
    // 0/10 → 0 to 0.2775.
    const zero = wilsonInterval(0, 10);
    expect(zero.low).toBe(0);
    expect(zero.high).toBeCloseTo(0.2775, 4);
  });
});

describe("proportionDifference", () => {
  it("reproduces Newcombe's method 10 on his example (a), 56/70 against 48/80", () => {
    // Newcombe 1998, Table II, example (a): difference 0.2000, hybrid score interval 0.0524 to 0.3339.
    const d = proportionDifference({ clients: 70, wonBack: 56 }, { clients: 80, wonBack: 48 });
    expect(d.difference).toBeCloseTo(0.2, 4);
    expect(d.low).toBeCloseTo(0.0524, 4);
    expect(d.high).toBeCloseTo(0.3339, 4);
  });

  it("agrees with a hand computation from the two Wilson intervals", () => {
    const a = { clients: 400, wonBack: 92 };
    const b = { clients: 120, wonBack: 19 };
    const wa = wilsonInterval(92, 400);
    const wb = wilsonInterval(19, 120);
    const pa = 0.23;
    const pb = 19 / 120;
    const d = proportionDifference(a, b);
    expect(d.low).toBeCloseTo(pa - pb - Math.hypot(pa - wa.low, wb.high - pb), 12);
    expect(d.high).toBeCloseTo(pa - pb + Math.hypot(wa.high - pa, pb - wb.low), 12);
    expect(d.low).toBeLessThan(d.difference);
    expect(d.high).toBeGreaterThan(d.difference);
  });
});

describe("estimateUplift", () => {
  it("says there is not enough data below the minimum group size", () => {
    const u = estimateUplift({ emailed: { clients: 200, wonBack: 40 }, heldOut: { clients: 12, wonBack: 1 }, windowDays: 30 });
    expect(u.status).toBe("insufficient");
    expect(u.reading).toMatch(/^Not enough data yet: each group needs at least 30 clients whose \d+-day window has closed/);
    if (u.status === "insufficient") expect(u.needed).toBe(18);
  });

  it("reads a clear raise in points with its interval", () => {
    const u = estimateUplift({ emailed: { clients: 70, wonBack: 56 }, heldOut: { clients: 80, wonBack: 48 }, windowDays: 30 });
    expect(u.status).toBe("estimated");
    if (u.status !== "estimated") return;
    expect(u.significant).toBe(true);
    expect(u.reading).toBe("Emails raised the 30-day reorder rate by 20.0 points (95% CI 5.2 to 33.4).");
  });

  it("warns when the interval includes zero, and reads a drop as lowered", () => {
    const u = estimateUplift({ emailed: { clients: 100, wonBack: 10 }, heldOut: { clients: 100, wonBack: 12 }, windowDays: 14 });
    expect(u.status).toBe("estimated");
    if (u.status !== "estimated") return;
    expect(u.significant).toBe(false);
    expect(u.reading).toMatch(/^Emails lowered the 14-day reorder rate by 2\.0 points \(95% CI −\d+\.\d to \d+\.\d\); the interval includes zero/);
  });

  it("refuses impossible counts", () => {
    expect(() => estimateUplift({ emailed: { clients: 10, wonBack: 11 }, heldOut: { clients: 40, wonBack: 1 }, windowDays: 30 })).toThrow(RangeError);
    expect(() => estimateUplift({ emailed: { clients: 40.5, wonBack: 1 }, heldOut: { clients: 40, wonBack: 1 }, windowDays: 30 })).toThrow(RangeError);
  });
});
