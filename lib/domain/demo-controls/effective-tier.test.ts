import { describe, expect, it } from "vitest";
import { effectiveTier, isOverrideActive } from "./effective-tier";

const now = new Date("2026-12-06T12:00:00Z");

describe("a demo tier override", () => {
  it("shows its tier until it expires", () => {
    const override = { tier: "at_risk" as const, expiresAt: new Date("2026-12-07T12:00:00Z") };
    expect(effectiveTier("healthy", override, now)).toBe("at_risk");
    expect(isOverrideActive(override, now)).toBe(true);
  });

  it("counts for nothing from the moment it expires, whether or not the sweep has deleted it", () => {
    const override = { tier: "lapsed" as const, expiresAt: now };
    expect(isOverrideActive(override, now)).toBe(false);
    expect(effectiveTier("healthy", override, now)).toBe("healthy");
    expect(effectiveTier(null, null, now)).toBeNull();
  });
});
