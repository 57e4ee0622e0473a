import { describe, expect, it } from "vitest";
import { buildTodayList, FALLBACK_VALUE_CENTS, handledReason, priorityOf, startOfWeek, type TodayCandidate, valueAtRiskCents } from "./work-list";

const now = new Date("2026-12-06T09:00:00Z");
const slipped = new Date("2026-11-20T00:00:00Z");
const candidate = (over: Partial<TodayCandidate> & { clientId: string }): TodayCandidate => ({
  pOrder90d: 0.4,
  averageKeptValueCents: 20_000,
  slippingSince: slipped,
  lastOrderAt: new Date("2026-08-01T00:00:00Z"),
  lastContactAt: null,
  snoozedUntil: null,
  heldOutUntil: null,
  ...over,
});

describe("priorityOf", () => {
  it("is the chance of no order in 90 days times the average kept value", () => {
    expect(priorityOf(candidate({ clientId: "a", pOrder90d: 0.25, averageKeptValueCents: 40_000 }))).toBe(30_000);
  });
  it("uses an even chance for unscored clients and a fallback value for clients who kept nothing", () => {
    expect(priorityOf(candidate({ clientId: "a", pOrder90d: null, averageKeptValueCents: null }))).toBe(0.5 * FALLBACK_VALUE_CENTS);
  });
});

describe("valueAtRiskCents", () => {
  it("treats a missing forecast as an even chance and NaN figures as missing", () => {
    expect(valueAtRiskCents(0.2, 10_000)).toBe(8_000);
    expect(valueAtRiskCents(Number.NaN, Number.NaN)).toBe(0.5 * FALLBACK_VALUE_CENTS);
    expect(valueAtRiskCents(1.4, 10_000)).toBe(0);
  });
});

describe("handledReason", () => {
  it("counts an order, an email or a running snooze since the client slipped", () => {
    expect(handledReason(candidate({ clientId: "a", lastOrderAt: new Date("2026-11-25T00:00:00Z") }), now)).toBe("ordered");
    expect(handledReason(candidate({ clientId: "a", lastContactAt: new Date("2026-12-01T00:00:00Z") }), now)).toBe("contacted");
    expect(handledReason(candidate({ clientId: "a", snoozedUntil: new Date("2026-12-10T00:00:00Z") }), now)).toBe("snoozed");
    expect(handledReason(candidate({ clientId: "a", heldOutUntil: new Date("2026-12-10T00:00:00Z") }), now)).toBe("held_out");
  });
  it("ignores contact before the slip and a snooze that has run out", () => {
    expect(handledReason(candidate({ clientId: "a", lastContactAt: new Date("2026-10-01T00:00:00Z") }), now)).toBeNull();
    expect(handledReason(candidate({ clientId: "a", snoozedUntil: new Date("2026-12-05T00:00:00Z") }), now)).toBeNull();
    expect(handledReason(candidate({ clientId: "a", heldOutUntil: new Date("2026-12-05T00:00:00Z") }), now)).toBeNull();
  });
});

describe("buildTodayList", () => {
  it("ranks by value at risk, then by how long the client has been slipping, and sets handled items apart", () => {
    const list = buildTodayList(
      [
        candidate({ clientId: "small", pOrder90d: 0.1, averageKeptValueCents: 5_000 }), // 4,500
        candidate({ clientId: "big", pOrder90d: 0.5, averageKeptValueCents: 60_000 }), // 30,000
        candidate({ clientId: "older-tie", pOrder90d: 0.5, averageKeptValueCents: 60_000, slippingSince: new Date("2026-11-01T00:00:00Z") }),
        candidate({ clientId: "ordered", pOrder90d: 0, lastOrderAt: new Date("2026-12-02T00:00:00Z") }),
      ],
      now,
    );
    expect(list.open.map((c) => c.clientId)).toEqual(["older-tie", "big", "small"]);
    expect(list.handled.map((c) => [c.clientId, c.reason])).toEqual([["ordered", "ordered"]]);
  });
});

describe("startOfWeek", () => {
  it("is the Monday at midnight UTC", () => {
    expect(startOfWeek(now).toISOString()).toBe("2026-11-30T00:00:00.000Z");
    expect(startOfWeek(new Date("2026-11-30T00:00:00Z")).toISOString()).toBe("2026-11-30T00:00:00.000Z");
  });
});
