import { describe, expect, it } from "vitest";
import { compareWithinShares, estimateUplift, type GroupOutcome, proportionDifference, wilsonInterval } from "./uplift";

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

const oneShare = (emailed: GroupOutcome, heldOut: GroupOutcome, windowDays: number) => ({ strata: [{ holdoutShare: 0.1, emailed, heldOut }], windowDays });

describe("estimateUplift", () => {
  it("says there is not enough data below the minimum group size", () => {
    const u = estimateUplift(oneShare({ clients: 200, wonBack: 40 }, { clients: 12, wonBack: 1 }, 30));
    expect(u.status).toBe("insufficient");
    expect(u.reading).toMatch(/^Not enough data yet: each group needs at least 30 clients whose \d+-day window has closed/);
    if (u.status === "insufficient") expect(u.needed).toBe(18);
  });

  it("reads a clear raise in points with its interval", () => {
    const u = estimateUplift(oneShare({ clients: 70, wonBack: 56 }, { clients: 80, wonBack: 48 }, 30));
    expect(u.status).toBe("estimated");
    if (u.status !== "estimated") return;
    expect(u.significant).toBe(true);
    expect(u.reading).toBe("Emails raised the 30-day reorder rate by 20.0 points (95% CI 5.2 to 33.4).");
  });

  it("warns when the interval includes zero, and reads a drop as lowered", () => {
    const u = estimateUplift(oneShare({ clients: 100, wonBack: 10 }, { clients: 100, wonBack: 12 }, 14));
    expect(u.status).toBe("estimated");
    if (u.status !== "estimated") return;
    expect(u.significant).toBe(false);
    expect(u.reading).toMatch(/^Emails lowered the 14-day reorder rate by 2\.0 points \(95% CI −\d+\.\d to \d+\.\d\); the interval includes zero/);
  });

  it("refuses impossible counts", () => {
    expect(() => estimateUplift(oneShare({ clients: 10, wonBack: 11 }, { clients: 40, wonBack: 1 }, 30))).toThrow(RangeError);
    expect(() => estimateUplift(oneShare({ clients: 40.5, wonBack: 1 }, { clients: 40, wonBack: 1 }, 30))).toThrow(RangeError);
  });

  it("compares within each holdout share: a share raised when fewer clients reorder does not pass for an effect", () => {
    // No effect at all: 20% reorder in both groups under a 10% share, 5% in both under a 50% share. Pooled, the
    // holdout is mostly the second period's clients, and the emails would seem to raise the rate by 7 points.
    const strata = [
      { holdoutShare: 0.1, emailed: { clients: 900, wonBack: 180 }, heldOut: { clients: 100, wonBack: 20 } },
      { holdoutShare: 0.5, emailed: { clients: 500, wonBack: 25 }, heldOut: { clients: 500, wonBack: 25 } },
    ];
    const pooled = proportionDifference({ clients: 1400, wonBack: 205 }, { clients: 600, wonBack: 45 });
    expect(pooled.low).toBeGreaterThan(0.04);
    const u = estimateUplift({ strata, windowDays: 30 });
    if (u.status !== "estimated") throw new Error(u.reading);
    expect(u.difference).toBeCloseTo(0, 12);
    expect(u.significant).toBe(false);
    expect(u).toMatchObject({ shares: 2, uncompared: 0, emailed: { clients: 1400, wonBack: 205 }, heldOut: { clients: 600, wonBack: 45 } });
    expect(u.reading).toMatch(/^Emails made no measurable difference to the 30-day reorder rate \(95% CI −\d\.\d to \d\.\d, comparing clients within each of the 2 holdout shares used in the range\)\.$/);
  });

  it("weights the held-out rate to the emailed clients' shares, and finds a real effect within them", () => {
    const strata = [
      { holdoutShare: 0.1, emailed: { clients: 900, wonBack: 270 }, heldOut: { clients: 100, wonBack: 20 } },
      { holdoutShare: 0.5, emailed: { clients: 500, wonBack: 50 }, heldOut: { clients: 500, wonBack: 25 } },
    ];
    const d = compareWithinShares(strata);
    // Emailed: 320 of 1,400; held out, weighted 900:500 by the emailed clients: (900 × 0.2 + 500 × 0.05) / 1,400.
    expect(d.rateA).toBeCloseTo(320 / 1400, 12);
    expect(d.rateB).toBeCloseTo((900 * 0.2 + 500 * 0.05) / 1400, 12);
    expect(d.low).toBeGreaterThan(0);
    expect(d.high).toBeGreaterThan(d.difference);
    const u = estimateUplift({ strata, windowDays: 30 });
    expect(u.status === "estimated" && u.significant).toBe(true);
    expect(u.reading).toMatch(/^Emails raised the 30-day reorder rate by 8\.2 points \(95% CI \d\.\d to \d+\.\d, comparing clients within each of the 2 holdout shares/);
  });

  it("within one share, matches Wald's interval closely for large groups", () => {
    const one = [{ holdoutShare: 0.2, emailed: { clients: 4000, wonBack: 1000 }, heldOut: { clients: 1000, wonBack: 200 } }];
    const d = compareWithinShares(one);
    const wald = 1.959963984540054 * Math.sqrt((0.25 * 0.75) / 4000 + (0.2 * 0.8) / 1000);
    expect(d.difference).toBeCloseTo(0.05, 12);
    expect(d.high - d.difference).toBeCloseTo(wald, 3);
  });

  it("leaves out emailed clients assigned while nobody was held out, and says so", () => {
    const strata = [
      { holdoutShare: 0, emailed: { clients: 400, wonBack: 40 }, heldOut: { clients: 0, wonBack: 0 } },
      { holdoutShare: 0.1, emailed: { clients: 70, wonBack: 56 }, heldOut: { clients: 80, wonBack: 48 } },
    ];
    const u = estimateUplift({ strata, windowDays: 30 });
    // Counted with the rest (as the lists behind the counts show them), compared with none.
    expect(u).toMatchObject({ status: "estimated", shares: 1, uncompared: 400, unmatched: 0, emailed: { clients: 470, wonBack: 96 }, emailedRate: 56 / 70 });
    expect(u.reading).toBe("Emails raised the 30-day reorder rate by 20.0 points (95% CI 5.2 to 33.4). 400 emailed clients were assigned while nobody was held out, with nothing to compare them to.");
    const none = estimateUplift({ strata: strata.slice(0, 1), windowDays: 30 });
    expect(none).toMatchObject({ status: "insufficient", needed: 30, uncompared: 400 });
  });

  it("leaves out, and says so apart, the clients of a share whose other group has nobody yet", () => {
    // A share changed a few days before the range's windows closed: five emailed clients, no one held out yet.
    const strata = [
      { holdoutShare: 0.1, emailed: { clients: 70, wonBack: 56 }, heldOut: { clients: 80, wonBack: 48 } },
      { holdoutShare: 0.2, emailed: { clients: 5, wonBack: 1 }, heldOut: { clients: 0, wonBack: 0 } },
    ];
    const u = estimateUplift({ strata, windowDays: 30 });
    expect(u).toMatchObject({ status: "estimated", shares: 1, uncompared: 0, unmatched: 5, difference: expect.closeTo(0.2, 12) });
    expect(u.reading).toBe("Emails raised the 30-day reorder rate by 20.0 points (95% CI 5.2 to 33.4). 5 clients were assigned under a holdout share with nobody in the other group yet, and are not compared.");
  });
});
