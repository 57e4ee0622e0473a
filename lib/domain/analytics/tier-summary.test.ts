import { describe, expect, it } from "vitest";
import { dashboardRangeNotice, everyWeekBetween, parseDashboardRange, summariseTierCounts, tierChanges, weekBefore } from "./tier-summary";

const bands = (...pairs: [number, number][]) => {
  const out = Array.from({ length: 10 }, () => 0);
  for (const [band, n] of pairs) out[band] = n;
  return out;
};

describe("summariseTierCounts", () => {
  it("adds up stylists' rows into tiers, active clients, the mean score and the score bands", () => {
    const summary = summariseTierCounts([
      { tier: "healthy", clients: 3, scoreSum: 240, scoreBands: bands([7, 1], [8, 2]), valueAtRiskCents: 9_000 },
      { tier: "healthy", clients: 1, scoreSum: 90, scoreBands: bands([9, 1]) },
      { tier: "at_risk", clients: 2, scoreSum: 70, scoreBands: bands([3, 2]), valueAtRiskCents: 12_500 },
      { tier: "lapsed", clients: 4, scoreSum: 40, scoreBands: bands([0, 2], [1, 2]), valueAtRiskCents: 30_000 },
    ]);
    expect(summary).toEqual({
      clients: 10,
      active: 6,
      byTier: { healthy: 4, watch: 0, at_risk: 2, lapsed: 4 },
      averageScore: 44,
      scoreBands: bands([0, 2], [1, 2], [3, 2], [7, 1], [8, 2], [9, 1]),
      // Only the clients likely to lapse: at risk and lapsed, not the healthy tier's 9,000.
      revenueAtRiskCents: 42_500,
    });
  });
  it("has no mean score without clients", () => {
    expect(summariseTierCounts([]).averageScore).toBeNull();
  });
});

describe("tierChanges", () => {
  it("is the difference per tier from the earlier day, or null without one", () => {
    const now = summariseTierCounts([{ tier: "at_risk", clients: 5, scoreSum: 150, scoreBands: bands([3, 5]) }]);
    const before = summariseTierCounts([{ tier: "at_risk", clients: 2, scoreSum: 60, scoreBands: bands([3, 2]) }, { tier: "healthy", clients: 1, scoreSum: 80, scoreBands: bands([8, 1]) }]);
    expect(tierChanges(now, before)).toEqual({ healthy: -1, watch: 0, at_risk: 3, lapsed: 0 });
    expect(tierChanges(now, null)).toBeNull();
  });
});

describe("parseDashboardRange", () => {
  const today = new Date("2026-12-06T15:00:00Z");
  it("defaults to the 90 days up to today", () => {
    expect(parseDashboardRange({}, today)).toEqual({ from: "2026-09-08", to: "2026-12-06" });
  });
  it("keeps a valid range and falls back on a reversed, malformed or too long one", () => {
    expect(parseDashboardRange({ from: "2026-11-01", to: "2026-11-30" }, today)).toEqual({ from: "2026-11-01", to: "2026-11-30" });
    expect(parseDashboardRange({ from: "2026-12-01", to: "2026-11-30" }, today)).toEqual({ from: "2026-09-02", to: "2026-11-30" });
    expect(parseDashboardRange({ from: "yesterday", to: "2026-13-45" }, today)).toEqual({ from: "2026-09-08", to: "2026-12-06" });
    expect(parseDashboardRange({ from: "2020-01-01" }, today).from).toBe("2026-09-08");
  });
  it("takes no day that does not exist or that the database cannot hold", () => {
    // 31 February would roll over into 3 March; year 0 the database refuses.
    expect(parseDashboardRange({ from: "2026-02-01", to: "2026-02-31" }, today)).toEqual({ from: "2026-02-01", to: "2026-12-06" });
    expect(parseDashboardRange({ from: "2026-02-30", to: "2026-03-31" }, today)).toEqual({ from: "2026-01-01", to: "2026-03-31" });
    expect(parseDashboardRange({ to: "0000-01-01" }, today).to).toBe("2026-12-06");
  });
  it("says when it did not show the range asked for, and nothing when it did", () => {
    const ask = (params: Record<string, string>) => dashboardRangeNotice(params, parseDashboardRange(params, today));
    expect(ask({ from: "2026-11-10", to: "2026-11-01" })).toBe("From was after To, so this shows the 90 days up to 2026-11-01.");
    expect(ask({ from: "2020-01-01", to: "2026-11-01" })).toBe("A range can be at most 731 days, so this shows the 90 days up to 2026-11-01.");
    expect(ask({ from: "2026-10-01", to: "2026-11-01" })).toBeNull();
    expect(ask({})).toBeNull();
  });
  it("finds the day a week earlier", () => {
    expect(weekBefore("2026-03-03")).toBe("2026-02-24");
  });
});

describe("everyWeekBetween", () => {
  const empty = (week: string) => ({ week, n: 0 });
  it("puts the weeks with nothing in them back between the first and the last, across a month's end", () => {
    const weeks = everyWeekBetween([{ week: "2026-10-19", n: 2 }, { week: "2026-11-09", n: 5 }], empty);
    expect(weeks).toEqual([
      { week: "2026-10-19", n: 2 },
      { week: "2026-10-26", n: 0 },
      { week: "2026-11-02", n: 0 },
      { week: "2026-11-09", n: 5 },
    ]);
  });
  it("keeps a single week, consecutive weeks and no weeks as they are", () => {
    expect(everyWeekBetween([{ week: "2026-11-09", n: 1 }], empty)).toEqual([{ week: "2026-11-09", n: 1 }]);
    expect(everyWeekBetween([{ week: "2026-11-02", n: 1 }, { week: "2026-11-09", n: 3 }], empty)).toHaveLength(2);
    expect(everyWeekBetween([], empty)).toEqual([]);
  });
});
