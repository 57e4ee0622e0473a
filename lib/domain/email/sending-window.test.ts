import { describe, expect, it } from "vitest";
import { nextSendTime } from "./sending-window";

const window = { startHour: 9, endHour: 20 };

describe("nextSendTime", () => {
  it("sends now inside the client's daytime", () => {
    const at = new Date("2026-06-01T15:00:00Z"); // 11:00 in New York
    expect(nextSendTime(at, "America/New_York", window)).toEqual(at);
  });
  it("waits for 9:00 local time at night", () => {
    const at = new Date("2026-06-01T03:30:00Z"); // 23:30 in New York
    expect(nextSendTime(at, "America/New_York", window).toISOString()).toBe("2026-06-01T13:00:00.000Z");
  });
  it("treats an unknown timezone as UTC", () => {
    expect(nextSendTime(new Date("2026-06-01T22:00:00Z"), "Mars/Olympus", window).toISOString()).toBe("2026-06-02T09:00:00.000Z");
  });
});
