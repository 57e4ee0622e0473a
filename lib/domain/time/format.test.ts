import { describe, expect, it } from "vitest";
import { dayInZone, FALLBACK_TIME_ZONE, formatTime, knownTimeZone, zoneName } from "./format";

// 23:30 UTC: still the 6th in London and New York, already the 7th in Berlin and Tokyo.
const AT = new Date("2026-12-06T23:30:00Z");

describe("formatTime", () => {
  it("shows a moment in the given zone, naming the zone", () => {
    expect(formatTime(AT, "UTC", "datetime")).toBe("Dec 6, 2026, 11:30 PM UTC");
    expect(formatTime(AT, "Europe/Berlin", "datetime")).toBe("Dec 7, 2026, 12:30 AM GMT+1");
    expect(formatTime(AT, "America/New_York", "datetime-seconds")).toBe("Dec 6, 2026, 6:30:00 PM EST");
  });

  it("shows the calendar day in the zone, and a dash for no date", () => {
    expect(formatTime(AT, "Asia/Tokyo")).toBe("Dec 7, 2026");
    expect(formatTime(AT, FALLBACK_TIME_ZONE)).toBe("Dec 6, 2026");
    expect(formatTime(null, "UTC")).toBe("—");
    expect(formatTime(new Date("nonsense"), "UTC", "datetime")).toBe("—");
  });

  it("follows daylight saving in the zone's name", () => {
    expect(zoneName(new Date("2026-07-01T12:00:00Z"), "Europe/Berlin")).toBe("GMT+2");
    expect(zoneName(AT, "Europe/Berlin")).toBe("GMT+1");
  });

  it("gives a date input's day in the zone", () => {
    expect(dayInZone(AT, "UTC")).toBe("2026-12-06");
    expect(dayInZone(AT, "Asia/Tokyo")).toBe("2026-12-07");
  });
});

describe("knownTimeZone", () => {
  it("accepts zones the runtime knows and nothing else", () => {
    expect(knownTimeZone("Europe/Berlin")).toBe("Europe/Berlin");
    expect(knownTimeZone("UTC")).toBe("UTC");
    expect(knownTimeZone("Mars/Olympus")).toBeNull();
    expect(knownTimeZone("")).toBeNull();
    expect(knownTimeZone(undefined)).toBeNull();
    expect(knownTimeZone("x".repeat(100))).toBeNull();
  });
});
