import { describe, expect, it } from "vitest";
import { daysOutOfOrder, isCalendarDay, optionalDayParam } from "./validation";

describe("calendar days from outside", () => {
  it("are YYYY-MM-DD naming a real day in a year the database holds", () => {
    for (const day of ["2026-06-30", "2024-02-29", "1900-01-01", "9999-12-31"]) expect(isCalendarDay(day), day).toBe(true);
    // A day Date would roll over, a year the database has not (0) or nothing predates, and shapes that are not days.
    for (const day of ["2026-02-31", "2026-02-29", "2026-13-01", "0000-01-01", "1899-12-31", "-010000-01-01", "2026-6-30", "2026-06-30T00:00", ""]) {
      expect(isCalendarDay(day), day).toBe(false);
    }
  });
  it("from a URL, are dropped when they are not days", () => {
    expect(optionalDayParam.parse("2026-06-30")).toBe("2026-06-30");
    expect(optionalDayParam.parse("2026-02-31")).toBeUndefined();
    expect(optionalDayParam.parse("0000-01-01")).toBeUndefined();
    expect(optionalDayParam.parse("")).toBeUndefined();
  });
});

describe("daysOutOfOrder", () => {
  it("is true only when both days are set and the first comes after the last", () => {
    expect(daysOutOfOrder("2026-12-05", "2026-11-01")).toBe(true);
    expect(daysOutOfOrder("2026-11-01", "2026-12-05")).toBe(false);
    expect(daysOutOfOrder("2026-11-01", "2026-11-01")).toBe(false);
    expect(daysOutOfOrder("2026-12-05", undefined)).toBe(false);
    expect(daysOutOfOrder(undefined, "2026-11-01")).toBe(false);
  });
});
