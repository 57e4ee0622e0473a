import { describe, expect, it } from "vitest";
import { conditionalExpectedTransactions, pAlive } from "./bgnbd";
import { loadCdnowReference } from "@/test/domain/cdnow-reference";
import { expectedDaysUntilNextOrder, forecastFor, forecastNextOrder } from "./forecast";
import { EMPTY_CLIENT_HISTORY, type EngagementOrder, summariseHistory, toBgNbdInput } from "./history";

// The CDNOW fit stands in for a fitted book of clients (its time unit is weeks, like ours).
const params = loadCdnowReference().ours.fitted_2dp_data.params;
const bg = { model: "bgnbd", params } as const;
const AS_OF = new Date("2025-06-01T00:00:00Z");
const daysAgo = (days: number) => new Date(AS_OF.getTime() - days * 86_400_000);
const ordersEvery = (gapDays: number, count: number, lastDaysAgo: number): EngagementOrder[] =>
  Array.from({ length: count }, (_, i) => ({
    orderedAt: daysAgo(lastDaysAgo + i * gapDays),
    itemsShipped: 5,
    itemsKept: 3,
    valueCents: 15_000,
    status: "shipped",
  }));

describe("forecastNextOrder", () => {
  it("is null for a client who never ordered", () => {
    expect(forecastNextOrder(bg, EMPTY_CLIENT_HISTORY, AS_OF)).toBeNull();
  });

  it("expects a weekly buyer back within days", () => {
    const history = summariseHistory(ordersEvery(7, 20, 3), AS_OF);
    const forecast = forecastNextOrder(bg, history, AS_OF);
    const input = toBgNbdInput(history, AS_OF);
    if (!forecast || !input) throw new Error("expected a forecast");

    expect(forecast.pAlive).toBeCloseTo(pAlive(params, input), 12);
    expect(forecast.expectedOrdersNext90Days).toBeCloseTo(conditionalExpectedTransactions(params, 90 / 7, input), 12);
    expect(forecast.expectedDaysUntilNextOrder).not.toBeNull();
    const days = forecast.expectedDaysUntilNextOrder ?? 0;
    expect(days).toBeGreaterThan(0);
    expect(days).toBeLessThan(30);
    // It is the first whole day on which one more order is expected.
    expect(conditionalExpectedTransactions(params, days / 7, input)).toBeGreaterThanOrEqual(1);
    expect(conditionalExpectedTransactions(params, (days - 1) / 7, input)).toBeLessThan(1);
    expect(forecast.expectedNextOrderAt).toEqual(new Date(AS_OF.getTime() + days * 86_400_000));
  });

  it("returns no date for a frequent buyer who went silent", () => {
    const forecast = forecastNextOrder(bg, summariseHistory(ordersEvery(7, 20, 200), AS_OF), AS_OF);
    expect(forecast?.pAlive).toBeLessThan(0.01);
    expect(forecast?.expectedDaysUntilNextOrder).toBeNull();
    expect(forecast?.expectedNextOrderAt).toBeNull();
  });

  it("respects the horizon", () => {
    const input = { x: 3, tx: 10, T: 12 };
    const unbounded = expectedDaysUntilNextOrder(params, input, 10_000);
    expect(unbounded).not.toBeNull();
    expect(expectedDaysUntilNextOrder(params, input, (unbounded ?? 0) - 1)).toBeNull();
    expect(expectedDaysUntilNextOrder(params, input, 0)).toBeNull();
  });

  it("finds the same day as checking every day in turn, whatever the history", () => {
    const firstDayByScan = (input: { x: number; tx: number; T: number }) => {
      for (let day = 1; day <= 365; day++) if (conditionalExpectedTransactions(params, day / 7, input) >= 1) return day;
      return null;
    };
    let dated = 0;
    for (const x of [0, 1, 2, 5, 12, 40]) {
      for (const T of [1, 6, 20, 52, 104]) {
        for (const share of [0, 0.3, 0.8, 1]) {
          const input = { x, tx: x === 0 ? 0 : T * share, T };
          const expected = firstDayByScan(input);
          if (expected !== null) dated += 1;
          expect(expectedDaysUntilNextOrder(params, input), JSON.stringify(input)).toBe(expected);
          // A full forecast starts its search from the 90-day figure too, by another first guess.
          expect(forecastFor(bg, input, AS_OF).expectedDaysUntilNextOrder, JSON.stringify(input)).toBe(expected);
        }
      }
    }
    expect(dated).toBeGreaterThan(20);
  });

  it("with a memo, gives clients with the same whole-day history the same forecast, computed once", () => {
    const memo = new Map();
    // Same order days at different hours: equal BG/NBD inputs in whole days.
    const morning = summariseHistory(ordersEvery(30, 6, 10), AS_OF);
    const evening = summariseHistory(ordersEvery(30, 6, 10).map((o) => ({ ...o, orderedAt: new Date(o.orderedAt.getTime() + 9 * 3_600_000) })), AS_OF);
    const other = summariseHistory(ordersEvery(45, 6, 10), AS_OF);
    const first = forecastNextOrder(bg, morning, AS_OF, { memo });
    expect(forecastNextOrder(bg, evening, AS_OF, { memo })).toBe(first);
    expect(forecastNextOrder(bg, other, AS_OF, { memo })).not.toEqual(first);
    expect(memo.size).toBe(2);
    expect(forecastNextOrder(bg, morning, AS_OF)).toEqual(first);
  });
});

describe("forecasts under MBG/NBD", () => {
  const mbg = { model: "mbgnbd", params: { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 } } as const;

  it("gives a one-order client a P(alive) below 1 that falls with time, and no next order once it is unlikely", () => {
    const recent = forecastNextOrder(mbg, summariseHistory(ordersEvery(30, 1, 10), AS_OF), AS_OF);
    const old = forecastNextOrder(mbg, summariseHistory(ordersEvery(30, 1, 420), AS_OF), AS_OF);
    expect(recent?.pAlive ?? 1).toBeLessThan(1);
    expect(old?.pAlive ?? 1).toBeLessThan(recent?.pAlive ?? 0);
    expect(old?.expectedNextOrderAt).toBeNull();
    expect(old?.pOrder90d ?? 1).toBeLessThan(recent?.pOrder90d ?? 0);
  });

  it("P(order in 90 days) never exceeds P(alive)", () => {
    const forecast = forecastNextOrder(mbg, summariseHistory(ordersEvery(20, 8, 15), AS_OF), AS_OF);
    expect(forecast?.pOrder90d ?? 2).toBeLessThanOrEqual(forecast?.pAlive ?? 0);
    expect(forecast?.pOrder90d ?? 0).toBeGreaterThan(0.5);
  });
});
