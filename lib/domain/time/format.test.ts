import { describe, expect, it } from "vitest";
import { calendarDaysBetween, dayInZone, FALLBACK_TIME_ZONE, formatTime, knownTimeZone, noonInZone, zoneName } from "./format";

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
  it("puts noon of a day in any zone on that day there, from UTC−11 to UTC+14 and across daylight saving", () => {
    for (const zone of ["Pacific/Pago_Pago", "America/Los_Angeles", "UTC", "Europe/London", "Asia/Kolkata", "Pacific/Auckland", "Pacific/Kiritimati"]) {
      for (const day of ["2026-01-15", "2026-03-08", "2026-03-29", "2026-07-01", "2026-12-05"]) expect(dayInZone(noonInZone(day, zone), zone), `${day} ${zone}`).toBe(day);
    }
    expect(noonInZone("2026-12-05", "Pacific/Auckland")).toEqual(new Date("2026-12-04T23:00:00Z"));
    expect(noonInZone("2026-07-01", "America/Los_Angeles")).toEqual(new Date("2026-07-01T19:00:00Z"));
  });

  it("accepts zones the runtime knows and nothing else", () => {
    expect(knownTimeZone("Europe/Berlin")).toBe("Europe/Berlin");
    expect(knownTimeZone("UTC")).toBe("UTC");
    expect(knownTimeZone("Mars/Olympus")).toBeNull();
    expect(knownTimeZone("")).toBeNull();
    expect(knownTimeZone(undefined)).toBeNull();
    expect(knownTimeZone("x".repeat(100))).toBeNull();
  });
});

describe("calendarDaysBetween", () => {
  it("counts calendar days in the zone, not 24-hour spans", () => {
    const lateYesterday = new Date("2026-12-07T23:30:00Z");
    const earlyToday = new Date("2026-12-08T05:00:00Z");
    expect(calendarDaysBetween(lateYesterday, earlyToday, "UTC")).toBe(1);
    // In Chicago both moments fall on Dec 7.
    expect(calendarDaysBetween(lateYesterday, earlyToday, "America/Chicago")).toBe(0);
    // Across a change of clocks the days still count whole.
    expect(calendarDaysBetween(new Date("2026-03-01T12:00:00Z"), new Date("2026-03-31T12:00:00Z"), "Europe/Berlin")).toBe(30);
  });
});
