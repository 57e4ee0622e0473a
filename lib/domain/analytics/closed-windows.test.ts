import { describe, expect, it } from "vitest";
import { closedWindowsRange } from "./closed-windows";

const RANGE = { from: "2026-06-01", to: "2026-06-30" };

describe("closedWindowsRange", () => {
  it("ends at the last day whose every window has closed", () => {
    // A client assigned late on 4 July has a 30-day window until late on 3 August: 4 July counts from 4 August on.
    expect(closedWindowsRange({ from: "2026-06-01", to: "2026-07-31" }, 30, new Date("2026-08-04T00:00:00Z"))).toEqual({ from: "2026-06-01", to: "2026-07-04" });
    expect(closedWindowsRange({ from: "2026-06-01", to: "2026-07-31" }, 30, new Date("2026-08-03T23:59:59Z"))).toEqual({ from: "2026-06-01", to: "2026-07-03" });
  });

  it("keeps a range whose windows have all closed, and gives none when no day of it has", () => {
    expect(closedWindowsRange(RANGE, 30, new Date("2026-09-01T12:00:00Z"))).toEqual(RANGE);
    expect(closedWindowsRange(RANGE, 30, new Date("2026-07-01T12:00:00Z"))).toBeNull();
    expect(closedWindowsRange(RANGE, 30, new Date("2026-07-02T00:00:00Z"))).toEqual({ from: "2026-06-01", to: "2026-06-01" });
  });
});
