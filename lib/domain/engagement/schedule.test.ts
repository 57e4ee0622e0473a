import { describe, expect, it } from "vitest";
import { isNightlyRunDue, scoringScheduleFormSchema, scoringScheduleSchema } from "./schedule";

describe("the nightly rescoring schedule", () => {
  it("is due only in the chosen UTC hour, and never when off", () => {
    expect(isNightlyRunDue({ nightlyHourUtc: 3 }, new Date("2026-12-07T03:59:59Z"))).toBe(true);
    expect(isNightlyRunDue({ nightlyHourUtc: 3 }, new Date("2026-12-07T04:00:00Z"))).toBe(false);
    // 03:30 in Auckland is 14:30 UTC the day before: the hour is UTC's, not the server's.
    expect(isNightlyRunDue({ nightlyHourUtc: 14 }, new Date("2026-12-08T03:30:00+13:00"))).toBe(true);
    expect(isNightlyRunDue({ nightlyHourUtc: null }, new Date("2026-12-07T03:00:00Z"))).toBe(false);
  });

  it("reads the form's field: off, an hour, and an empty or wrong field named rather than taken as midnight", () => {
    const read = (nightlyHourUtc?: string) => scoringScheduleSchema.safeParse(scoringScheduleFormSchema.parse({ nightlyHourUtc }));
    expect(read("off")).toMatchObject({ success: true, data: { nightlyHourUtc: null } });
    expect(read(" 7 ")).toMatchObject({ success: true, data: { nightlyHourUtc: 7 } });
    for (const bad of ["", undefined, "24", "3.5", "three", "0x5", "1e1"]) {
      const result = read(bad);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual(["nightlyHourUtc"]);
    }
  });
});
