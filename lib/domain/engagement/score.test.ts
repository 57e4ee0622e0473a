import { describe, expect, it } from "vitest";
import { type ClientHistory, EMPTY_CLIENT_HISTORY, type EngagementOrder, summariseHistory } from "./history";
import { frequencyScore, overdueFade, recencyScore, scoreEngagement, tierForScore } from "./score";
import { DEFAULT_ENGAGEMENT_SETTINGS, type EngagementSettings } from "./settings";
import { AS_OF, daysAgo, ordersEvery } from "@/test/domain/engagement-orders";

const score = (orders: EngagementOrder[], settings?: EngagementSettings, pAlive?: number) =>
  scoreEngagement({ history: summariseHistory(orders, AS_OF), asOf: AS_OF, settings, pAlive });

describe("component mappings", () => {
  it("recency is full up to the usual gap and zero at 2.5 gaps", () => {
    expect(recencyScore(0)).toBe(100);
    expect(recencyScore(1)).toBe(100);
    expect(recencyScore(1.75)).toBeCloseTo(50, 10);
    expect(recencyScore(2.5)).toBe(0);
    expect(recencyScore(9)).toBe(0);
  });

  it("the overdue fade only starts once recency is zero", () => {
    expect(overdueFade(2.5)).toBe(1);
    expect(overdueFade(3.75)).toBeCloseTo(0.5, 10);
    expect(overdueFade(5)).toBe(0);
  });

  it("frequency pro-rates the target for clients younger than a year", () => {
    expect(frequencyScore(1, 10, 42)).toBe(100);
    expect(frequencyScore(1, 84, 42)).toBeCloseTo(50, 10);
    expect(frequencyScore(4, 400, 36.5)).toBeCloseTo(40, 10);
    expect(frequencyScore(0, 400, 42)).toBe(0);
  });

  it("maps scores to tiers at the thresholds", () => {
    const tiers = DEFAULT_ENGAGEMENT_SETTINGS.tiers;
    expect(tierForScore(tiers.healthy, tiers)).toBe("healthy");
    expect(tierForScore(tiers.healthy - 1, tiers)).toBe("watch");
    expect(tierForScore(tiers.watch, tiers)).toBe("watch");
    expect(tierForScore(tiers.atRisk, tiers)).toBe("at_risk");
    expect(tierForScore(tiers.atRisk - 1, tiers)).toBe("lapsed");
  });
});

describe("scoreEngagement", () => {
  it("gives a client who never ordered a defined result: 0, lapsed, nothing measured", () => {
    const result = scoreEngagement({ history: EMPTY_CLIENT_HISTORY, asOf: AS_OF });
    expect(result.score).toBe(0);
    expect(result.tier).toBe("lapsed");
    expect(result.components).toEqual({ recency: null, frequency: null, value: null, keepRate: null, outlook: null });
    expect(result.facts.daysSinceLastOrder).toBeNull();
  });

  it("does not call a new client with one recent order lapsed", () => {
    const result = score(ordersEvery(0, 1, 10));
    expect(result.facts.intervalSource).toBe("prior");
    expect(result.facts.typicalIntervalDays).toBe(DEFAULT_ENGAGEMENT_SETTINGS.priorIntervalDays);
    expect(result.components.recency).toBe(100);
    expect(result.components.frequency).toBe(100);
    expect(result.tier).toBe("healthy");
  });

  it("lets a single old order drift down through the tiers", () => {
    const tiers = [10, 100, 150, 250].map((days) => score(ordersEvery(0, 1, days)).tier);
    expect(tiers).toEqual(["healthy", "at_risk", "lapsed", "lapsed"]);
  });

  it("scores an on-time regular above the same client when overdue", () => {
    const onTime = score(ordersEvery(28, 10, 10));
    const overdue = score(ordersEvery(28, 10, 46));
    const farOverdue = score(ordersEvery(28, 10, 90));
    expect(onTime.facts.intervalSource).toBe("client");
    expect(onTime.facts.typicalIntervalDays).toBeCloseTo(28, 10);
    expect(onTime.tier).toBe("healthy");
    expect(overdue.facts.overdueRatio).toBeCloseTo(46 / 28, 10);
    expect(overdue.tier).toBe("watch");
    expect(farOverdue.tier).toBe("at_risk");
    expect(onTime.score).toBeGreaterThan(overdue.score);
    expect(overdue.score).toBeGreaterThan(farOverdue.score);
  });

  it("does not let past value hold up a client who stopped ordering", () => {
    const result = score(ordersEvery(28, 4, 240, { itemsKept: 5, valueCents: 50_000 }));
    expect(result.components.value).toBe(100);
    expect(result.score).toBe(0);
    expect(result.tier).toBe("lapsed");
  });

  it("changes with the weights", () => {
    const orders = ordersEvery(28, 6, 20, { itemsKept: 0, valueCents: 0 });
    const base = score(orders);
    const keepHeavy = score(orders, { ...DEFAULT_ENGAGEMENT_SETTINGS, weights: { recency: 1, frequency: 1, value: 1, keepRate: 5 } });
    const recencyOnly = score(orders, { ...DEFAULT_ENGAGEMENT_SETTINGS, weights: { recency: 1, frequency: 0, value: 0, keepRate: 0 } });
    expect(keepHeavy.score).toBeLessThan(base.score);
    expect(recencyOnly.score).toBe(100);
  });

  it("normalises weights, so scaling them changes nothing", () => {
    const orders = ordersEvery(30, 5, 15);
    const w = DEFAULT_ENGAGEMENT_SETTINGS.weights;
    const scaled = { recency: w.recency * 7, frequency: w.frequency * 7, value: w.value * 7, keepRate: w.keepRate * 7 };
    expect(score(orders, { ...DEFAULT_ENGAGEMENT_SETTINGS, weights: scaled })).toEqual(score(orders));
  });

  it("shares out the weight of a component it cannot measure", () => {
    const result = score(ordersEvery(28, 3, 5, { itemsShipped: 0, itemsKept: 0 }));
    expect(result.components.keepRate).toBeNull();
    expect(result.effectiveWeights.keepRate).toBe(0);
    const total = Object.values(result.effectiveWeights).reduce((s, v) => s + v, 0);
    expect(total).toBeCloseTo(1, 12);
  });

  it("uses the value scale from settings", () => {
    const orders = ordersEvery(28, 3, 5, { valueCents: 10_000 });
    expect(score(orders).components.value).toBe(50);
    expect(score(orders, { ...DEFAULT_ENGAGEMENT_SETTINGS, valueScaleCents: 10_000 }).components.value).toBe(100);
  });

  it("caps the tier at at_risk when P(alive) is low, leaving the score alone", () => {
    const orders = ordersEvery(28, 10, 10);
    const plain = score(orders);
    const capped = score(orders, undefined, 0.1);
    expect(capped.score).toBe(plain.score);
    expect(capped.scoreTier).toBe("healthy");
    expect(capped.tier).toBe("at_risk");
    expect(capped.cappedByPAlive).toBe(true);
    expect(score(orders, undefined, 0.9).tier).toBe("healthy");
    expect(score(ordersEvery(28, 4, 240), undefined, 0.1).tier).toBe("lapsed");
  });

  it("rejects a P(alive) outside 0..1", () => {
    expect(() => score(ordersEvery(28, 3, 5), undefined, 1.2)).toThrow(/pAlive/);
  });

  it("treats an asOf before the last order as just ordered", () => {
    const history: ClientHistory = summariseHistory(ordersEvery(28, 3, 5), AS_OF);
    const result = scoreEngagement({ history, asOf: daysAgo(30) });
    expect(result.facts.daysSinceLastOrder).toBe(0);
    expect(result.components.recency).toBe(100);
  });

  it("keeps every score within 0..100 and whole", () => {
    for (const [gap, count, last] of [[1, 50, 0], [7, 60, 1], [90, 2, 400], [28, 1, 3000]] as const) {
      const result = score(ordersEvery(gap, count, last, { valueCents: 10_000_000 }));
      expect(Number.isInteger(result.score)).toBe(true);
      expect(result.score).toBeGreaterThanOrEqual(0);
      expect(result.score).toBeLessThanOrEqual(100);
    }
  });
});
