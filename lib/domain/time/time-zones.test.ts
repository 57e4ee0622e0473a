import { describe, expect, it } from "vitest";
import { isKnownTimeZone, timeZoneChoices } from "./time-zones";

describe("time zones", () => {
  it("accepts UTC and IANA names under their current and their older names, and nothing else", () => {
    for (const name of ["UTC", "Europe/London", "Asia/Kolkata", "Asia/Calcutta", "Europe/Kyiv", "America/Argentina/Buenos_Aires"]) expect(isKnownTimeZone(name)).toBe(true);
    for (const name of ["", "Mars/Olympus_Mons", "+05:30", "utc+1", "Europe", "Europe/London; drop table"]) expect(isKnownTimeZone(name)).toBe(false);
  });

  it("offers the current names once, UTC first, and keeps a client's older name selectable", () => {
    const choices = timeZoneChoices();
    expect(choices[0]).toBe("UTC");
    expect(choices).toContain("Asia/Kolkata");
    expect(choices).toContain("Europe/Kyiv");
    expect(choices).not.toContain("Asia/Calcutta");
    expect(new Set(choices).size).toBe(choices.length);
    expect(timeZoneChoices("Asia/Calcutta")).toContain("Asia/Calcutta");
    expect(timeZoneChoices("Mars/Olympus_Mons")).not.toContain("Mars/Olympus_Mons");
  });
});
