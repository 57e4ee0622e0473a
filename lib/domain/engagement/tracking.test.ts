import { describe, expect, it } from "vitest";
import { summariseHistory } from "./history";
import { modelConditionalExpectedTransactions } from "./mbgnbd";
import { trainingWindowDays } from "./score-at";
import { AS_OF, ordersEvery } from "@/test/domain/engagement-orders";
import { expectedCumulativeRepeatOrders, trackingWarning, trackingWeeks } from "./tracking";
import { bgNbdKeyOf, bgNbdInputOfKey } from "./distinct-inputs";

const fit = { model: "mbgnbd" as const, params: { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 } };

describe("tracking", () => {
  const histories = [summariseHistory(ordersEvery(30, 5, 10), AS_OF), summariseHistory(ordersEvery(30, 5, 10), AS_OF), summariseHistory(ordersEvery(60, 1, 200), AS_OF)];

  it("sums each client's expected repeat orders week by week, rising", () => {
    const expected = expectedCumulativeRepeatOrders(fit, histories, AS_OF, 4);
    const alone = (w: number) => histories.reduce((s, h) => s + modelConditionalExpectedTransactions(fit, w, bgNbdInputOfKey(bgNbdKeyOf(h, AS_OF))), 0);
    expected.forEach((value, i) => expect(value).toBeCloseTo(alone(i + 1), 10));
    expect(expected.every((v, i) => i === 0 || v > (expected[i - 1] ?? 0))).toBe(true);
  });

  it("accumulates the actual orders per week beside them", () => {
    expect(trackingWeeks([1, 2, 3], [2, 0, 1]).map((w) => w.actual)).toEqual([2, 2, 3]);
  });
});

describe("trainingWindowDays", () => {
  it("is the horizon, but at most half the history before the cutoff", () => {
    const cutoff = new Date("1997-09-30T00:00:00Z");
    expect(trainingWindowDays(273, new Date("1997-01-01T00:00:00Z"), cutoff)).toBe(136);
    expect(trainingWindowDays(90, new Date("1995-01-01T00:00:00Z"), cutoff)).toBe(90);
    expect(trainingWindowDays(90, null, cutoff)).toBe(90);
  });
});

describe("trackingWarning", () => {
  it("says when the model's expected repeat orders miss the actual ones by more than a tenth, and which way", () => {
    expect(trackingWarning({ week: 8, expected: 1546, actual: 1319 })).toBe("The model expected 17% more repeat orders than came: its count of orders to come ran high for this period.");
    expect(trackingWarning({ week: 8, expected: 800, actual: 1000 })).toBe("The model expected 20% fewer repeat orders than came: its count of orders to come ran low for this period.");
    expect(trackingWarning({ week: 8, expected: 1080, actual: 1000 })).toBeNull();
    expect(trackingWarning({ week: 8, expected: 5, actual: 0 })).toBeNull();
    expect(trackingWarning(undefined)).toBeNull();
  });
});
