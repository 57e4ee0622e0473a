import { describe, expect, it } from "vitest";
import { cronMatches, latestSlot, parseCron } from "./cron";
import { parseTimeString, retryBackoffMs, sleepUntil } from "./duration";
import { evaluatePath, isPathExpression } from "./expression";

describe("time strings", () => {
  it("reads Inngest's units and sums them", () => {
    expect(parseTimeString("300ms")).toBe(300);
    expect(parseTimeString("2h45m")).toBe(2 * 3_600_000 + 45 * 60_000);
    expect(parseTimeString("1.5s")).toBe(1_500);
    expect(parseTimeString("1w")).toBe(604_800_000);
    expect(parseTimeString("soon")).toBeNull();
  });
  it("sleeps until an ISO date, never into the past", () => {
    const now = new Date("2026-01-01T00:00:00Z");
    expect(sleepUntil("2026-01-01T01:00:00Z", now)?.toISOString()).toBe("2026-01-01T01:00:00.000Z");
    expect(sleepUntil("2025-01-01T00:00:00Z", now)?.toISOString()).toBe(now.toISOString());
    expect(sleepUntil("10s", now)?.getTime()).toBe(now.getTime() + 10_000);
  });
  it("backs off doubling from a second, capped", () => {
    expect([1, 2, 3].map(retryBackoffMs)).toEqual([1_000, 2_000, 4_000]);
    expect(retryBackoffMs(30)).toBe(600_000);
  });
});

describe("cron", () => {
  it("matches fields, steps, ranges and lists", () => {
    const hourly = parseCron("0 * * * *");
    expect(cronMatches(hourly, new Date("2026-03-01T05:00:00Z"))).toBe(true);
    expect(cronMatches(hourly, new Date("2026-03-01T05:01:00Z"))).toBe(false);
    const weekdays = parseCron("*/15 9-17 * * 1-5");
    expect(cronMatches(weekdays, new Date("2026-03-02T09:45:00Z"))).toBe(true); // a Monday
    expect(cronMatches(weekdays, new Date("2026-03-01T09:45:00Z"))).toBe(false); // a Sunday
  });
  it("finds the latest slot in a window", () => {
    const daily = parseCron("30 3 * * *");
    const now = new Date("2026-03-02T10:00:00Z");
    expect(latestSlot(daily, now, new Date("2026-03-02T00:00:00Z"))?.toISOString()).toBe("2026-03-02T03:30:00.000Z");
    expect(latestSlot(daily, now, new Date("2026-03-02T04:00:00Z"))).toBeNull();
  });
  it("refuses malformed schedules", () => {
    expect(() => parseCron("* * *")).toThrow();
    expect(() => parseCron("61 * * * *")).toThrow();
  });
});

describe("key expressions", () => {
  it("reads a path into the event", () => {
    expect(isPathExpression("event.data.clientId")).toBe(true);
    expect(isPathExpression("event.data.a == 1")).toBe(false);
    expect(evaluatePath("event.data.clientId", { data: { clientId: "c1" } })).toBe("c1");
    expect(evaluatePath("event.data.missing", { data: {} })).toBe("");
  });
});
