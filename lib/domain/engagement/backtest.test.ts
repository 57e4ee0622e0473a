import { describe, expect, it } from "vitest";
import { type BacktestClient, calibrationBins, evaluateBacktest } from "./backtest";
import type { EngagementTier } from "./score";

// Eleven clients worked out by hand: four flagged (at risk or lapsed), five who did not order again, one without a forecast.
const client = (tier: EngagementTier, pAlive: number | null, orderedAgain: boolean): BacktestClient => ({ tier, pAlive, orderedAgain });
const CLIENTS: BacktestClient[] = [
  client("lapsed", 0.05, false),
  client("healthy", 0.9, true),
  client("lapsed", 0.1, false),
  client("at_risk", 0.2, true),
  client("watch", 0.6, true),
  client("at_risk", 0.3, false),
  client("watch", 0.4, false),
  client("healthy", 0.7, true),
  client("watch", 0.8, false),
  client("healthy", null, true),
  client("healthy", 0.95, true),
];

describe("evaluateBacktest", () => {
  const metrics = evaluateBacktest(CLIENTS, 5);

  it("counts the confusion matrix of the at-risk flag against not ordering again", () => {
    expect(metrics).toMatchObject({ clients: 11, flagged: 4, notReordered: 5, truePositives: 3 });
  });

  it("gives precision 3/4, recall 3/5 and lift 0.75 / (5/11)", () => {
    expect(metrics.precision).toBe(0.75);
    expect(metrics.recall).toBe(0.6);
    expect(metrics.baseRate).toBeCloseTo(5 / 11, 12);
    expect(metrics.lift).toBeCloseTo(1.65, 12);
  });

  it("shows what became of each tier", () => {
    expect(metrics.tiers).toEqual([
      { tier: "healthy", clients: 4, shareOrdered: 1 },
      { tier: "watch", clients: 3, shareOrdered: 1 / 3 },
      { tier: "at_risk", clients: 2, shareOrdered: 0.5 },
      { tier: "lapsed", clients: 2, shareOrdered: 0 },
    ]);
  });

  it("slices clients with a P(alive) into equal bins, lowest first, leaving out the one without", () => {
    expect(metrics.calibration.map((b) => [b.bin, b.clients, b.minPAlive, b.maxPAlive, b.shareOrdered])).toEqual([
      [1, 2, 0.05, 0.1, 0],
      [2, 2, 0.2, 0.3, 0.5],
      [3, 2, 0.4, 0.6, 0.5],
      [4, 2, 0.7, 0.8, 0.5],
      [5, 2, 0.9, 0.95, 1],
    ]);
    expect(metrics.calibration.map((b) => b.meanPAlive)).toEqual([0.075, 0.25, 0.5, 0.75, 0.925].map((v) => expect.closeTo(v, 12)));
  });

  it("defaults to deciles, and makes fewer bins when there are fewer clients than bins", () => {
    expect(calibrationBins(CLIENTS)).toHaveLength(10);
    expect(calibrationBins(CLIENTS.slice(0, 3))).toHaveLength(3);
  });

  it("reports no ratios rather than dividing by zero", () => {
    expect(evaluateBacktest([])).toEqual({
      clients: 0,
      flagged: 0,
      notReordered: 0,
      truePositives: 0,
      precision: null,
      recall: null,
      baseRate: null,
      lift: null,
      tiers: ["healthy", "watch", "at_risk", "lapsed"].map((tier) => ({ tier, clients: 0, shareOrdered: null })),
      calibration: [],
    });
    const everyoneOrdered = evaluateBacktest([client("at_risk", 0.5, true)]);
    expect(everyoneOrdered).toMatchObject({ precision: 0, recall: null, baseRate: 0, lift: null });
  });
});
