import { describe, expect, it } from "vitest";
import { type EngagementOrder, EMPTY_CLIENT_HISTORY, RECENT_ORDER_WINDOW, summariseHistory, toBgNbdInput } from "./history";

const AS_OF = new Date("2025-06-01T12:00:00Z");
const daysAgo = (days: number) => new Date(AS_OF.getTime() - days * 86_400_000);
const order = (days: number, overrides: Partial<EngagementOrder> = {}): EngagementOrder => ({
  orderedAt: daysAgo(days),
  itemsShipped: 5,
  itemsKept: 2,
  valueCents: 10_000,
  status: "shipped",
  ...overrides,
});

describe("summariseHistory", () => {
  it("gives the empty history for a client who never ordered", () => {
    expect(summariseHistory([], AS_OF)).toEqual(EMPTY_CLIENT_HISTORY);
  });

  it("ignores cancelled orders and orders after asOf", () => {
    const history = summariseHistory([order(10), order(5, { status: "cancelled" }), order(-3)], AS_OF);
    expect(history.orderCount).toBe(1);
    expect(history.lastOrderAt).toEqual(daysAgo(10));
  });

  it("keeps returned orders: the client still took a box", () => {
    const history = summariseHistory([order(40), order(10, { status: "returned", itemsKept: 0, valueCents: 0 })], AS_OF);
    expect(history.orderCount).toBe(2);
    expect(history.recentItemsKept).toBe(2);
    expect(history.averageKeptValueCents).toBe(5_000);
  });

  it("aggregates dates, gaps and the 12-month count regardless of input order", () => {
    const history = summariseHistory([order(30), order(400), order(100), order(200)], AS_OF);
    expect(history.firstOrderAt).toEqual(daysAgo(400));
    expect(history.lastOrderAt).toEqual(daysAgo(30));
    expect(history.ordersLast12Months).toBe(3);
    expect(history.meanInterOrderGapDays).toBeCloseTo(370 / 3, 10);
  });

  it("merges same-day orders when counting order days and gaps", () => {
    const sameDay = new Date(daysAgo(20).getTime() + 3_600_000);
    const history = summariseHistory([order(50), order(20), { ...order(20), orderedAt: sameDay }], AS_OF);
    expect(history.orderCount).toBe(3);
    expect(history.orderDayCount).toBe(2);
    expect(history.meanInterOrderGapDays).toBeCloseTo(30 + 1 / 24, 10);
  });

  it("sums items and value over the last few orders only", () => {
    const old = order(300, { itemsShipped: 100, itemsKept: 100, valueCents: 1_000_000 });
    const recent = Array.from({ length: RECENT_ORDER_WINDOW }, (_, i) => order(10 + i * 30, { itemsKept: i % 2 }));
    const history = summariseHistory([old, ...recent], AS_OF);
    expect(history.recentOrderCount).toBe(RECENT_ORDER_WINDOW);
    expect(history.recentItemsShipped).toBe(5 * RECENT_ORDER_WINDOW);
    expect(history.recentItemsKept).toBe(2);
    expect(history.averageKeptValueCents).toBe(10_000);
  });

  it("has no mean gap with a single order", () => {
    const history = summariseHistory([order(3)], AS_OF);
    expect(history.meanInterOrderGapDays).toBeNull();
    expect(history.orderDayCount).toBe(1);
  });
});

describe("toBgNbdInput", () => {
  it("is null for a client who never ordered", () => {
    expect(toBgNbdInput(EMPTY_CLIENT_HISTORY, AS_OF)).toBeNull();
  });

  it("converts to weeks with x = repeat order days", () => {
    const history = summariseHistory([order(70), order(42), order(14), order(14)], AS_OF);
    expect(toBgNbdInput(history, AS_OF)).toEqual({ x: 2, tx: 8, T: 10 });
  });

  it("gives x = 0 and t_x = 0 for a single order", () => {
    expect(toBgNbdInput(summariseHistory([order(21)], AS_OF), AS_OF)).toEqual({ x: 0, tx: 0, T: 3 });
  });

  it("never puts t_x after T when asOf precedes the last order", () => {
    const history = summariseHistory([order(70), order(14)], AS_OF);
    const input = toBgNbdInput(history, daysAgo(28));
    expect(input).toEqual({ x: 1, tx: 6, T: 6 });
  });
});
