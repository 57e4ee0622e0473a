import { describe, expect, it } from "vitest";
import { assessEngagement, bgNbdOnly, type EngagementAssessment } from "./assess";
import { type CurrentEngagement, currentEngagementOf, keepsScore, sameCurrentEngagement } from "./current-engagement";
import { clientPicture } from "./client-figures";
import { DAY_MS, EMPTY_CLIENT_HISTORY, summariseHistory } from "./history";
import { DEFAULT_ENGAGEMENT_SETTINGS } from "./settings";
import { AS_OF, ordersEvery } from "@/test/domain/engagement-orders";

const PARAMS = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const steady = summariseHistory(ordersEvery(30, 8, 10), AS_OF);
const gone = summariseHistory(ordersEvery(30, 8, 400), AS_OF);

describe("assessEngagement", () => {
  it("scores without P(alive) or a forecast when no model has been fitted; the next order is still due by the client's rhythm", () => {
    const a = assessEngagement({ history: steady, asOf: AS_OF });
    expect(a).toMatchObject({ tier: "healthy", pAlive: null, expectedOrders90d: null });
    expect(a.drivers.length).toBeGreaterThan(0);
    // Every 30 days, the last 10 days ago: due 20 days from now, as the client's page says.
    expect(a.nextOrderExpectedAt).toEqual(new Date(AS_OF.getTime() + 20 * DAY_MS));
  });

  it("dates the next order by the client's rhythm, not the model's forecast, so a client long gone is overdue", () => {
    const lapsed = assessEngagement({ history: gone, asOf: AS_OF, model: bgNbdOnly(PARAMS) });
    // Every 30 days, the last 400 days ago: due 370 days ago, whatever the model expects of them now.
    expect(lapsed.nextOrderExpectedAt).toEqual(new Date(AS_OF.getTime() - 370 * DAY_MS));
    expect(lapsed.nextOrderExpectedAt).toEqual(clientPicture({ orders: ordersEvery(30, 8, 400), asOf: AS_OF, settings: DEFAULT_ENGAGEMENT_SETTINGS, model: bgNbdOnly(PARAMS) }).figures.nextOrder.dueAt);
  });

  it("adds the model's forecast, and a low P(alive) caps the tier", () => {
    const active = assessEngagement({ history: steady, asOf: AS_OF, model: bgNbdOnly(PARAMS) });
    expect(active.pAlive).toBeGreaterThan(0.8);
    expect(active.expectedOrders90d).toBeGreaterThan(1);
    const lapsed = assessEngagement({ history: gone, asOf: AS_OF, model: bgNbdOnly(PARAMS) });
    expect(lapsed.pAlive).toBeLessThan(0.1);
    expect(lapsed.tier).toBe("lapsed");
  });

  it("a client who never ordered is lapsed with no forecast", () => {
    expect(assessEngagement({ history: EMPTY_CLIENT_HISTORY, asOf: AS_OF, model: bgNbdOnly(PARAMS) })).toMatchObject({ score: 0, tier: "lapsed", pAlive: null });
  });
});

describe("currentEngagementOf", () => {
  /** The list copy of a client with orders, which always has one. */
  const listCopy = (a: EngagementAssessment): CurrentEngagement => {
    const current = currentEngagementOf(a);
    if (!current) throw new Error("expected a list copy");
    return current;
  };

  it("keeps no score for a client with no orders: the lists show them unscored, as their page does", () => {
    const none = assessEngagement({ history: EMPTY_CLIENT_HISTORY, asOf: AS_OF, model: bgNbdOnly(PARAMS) });
    expect(none.tier).toBe("lapsed");
    expect(keepsScore(none)).toBe(false);
    expect(currentEngagementOf(none)).toBeNull();
    expect(keepsScore(assessEngagement({ history: steady, asOf: AS_OF, model: bgNbdOnly(PARAMS) }))).toBe(true);
  });

  it("rounds to what a list shows, so tiny daily drifts compare equal; the due date moves only with orders", () => {
    const a = assessEngagement({ history: steady, asOf: AS_OF, model: bgNbdOnly(PARAMS) });
    const current = listCopy({ ...a, pAlive: 0.87349, pOrder90d: 0.41572, nextOrderExpectedAt: new Date("2025-06-20T13:45:00Z") });
    expect(current).toMatchObject({ pAlive: 0.87, pOrder90d: 0.42, nextOrderExpectedAt: new Date("2025-06-20T13:45:00Z") });
    const same = (fresh: Partial<CurrentEngagement>) => sameCurrentEngagement(current, { ...current, ...fresh });
    // As read back from a 4-byte float column.
    expect(same({ pAlive: Math.fround(0.87) })).toBe(true);
    expect(same({ pAlive: 0.88 })).toBe(false);
    expect(same({ pOrder90d: Math.fround(0.42) })).toBe(true);
    expect(same({ pOrder90d: 0.43 })).toBe(false);
    expect(same({ tier: "watch" })).toBe(false);
    expect(same({ nextOrderExpectedAt: null })).toBe(false);
    expect(same({ nextOrderExpectedAt: new Date("2025-06-20T13:45:00Z") })).toBe(true);
    expect(same({ nextOrderExpectedAt: new Date("2025-06-21T13:45:00Z") })).toBe(false);
  });
});

describe("assessEngagement with weights learned on the shop's history", () => {
  const model = {
    fit: { model: "mbgnbd" as const, params: { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 } },
    weights: { recency: 0.2, frequency: 0, value: 0, keepRate: 0, outlook: 0.8 },
    calibration: null,
  };

  it("scores the learned weighted sum, the outlook being 100 × P(order in 90 days), with no P(alive) cap", () => {
    const a = assessEngagement({ history: steady, asOf: AS_OF, model });
    const outlook = 100 * (a.pOrder90d ?? 0);
    expect(a.components.outlook).toBe(Math.round(outlook));
    expect(a.score).toBe(Math.round(0.2 * (a.components.recency ?? 0) + 0.8 * outlook));
    expect(a.drivers[0]?.text).toMatch(/^\d+% chance of an order in the next 90 days$/);
  });

  it("ranks a client gone for a year below one who ordered last week", () => {
    const lapsed = assessEngagement({ history: gone, asOf: AS_OF, model });
    const active = assessEngagement({ history: steady, asOf: AS_OF, model });
    expect(lapsed.score).toBeLessThan(active.score);
    expect(lapsed.tier).toBe("lapsed");
  });
});
