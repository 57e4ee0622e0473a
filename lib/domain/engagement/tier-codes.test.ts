import { describe, expect, it } from "vitest";
import { NO_TIER_CODE, tierCodes } from "./tier-codes";
import { ENGAGEMENT_TIERS } from "./tiers";

describe("tierCodes", () => {
  it("gives every tier its own one-character code and reads it back", () => {
    const { codes, codeOf, tierOf } = tierCodes(ENGAGEMENT_TIERS);
    expect(codes.map((c) => c.tier)).toEqual([...ENGAGEMENT_TIERS]);
    expect(new Set(codes.map((c) => c.code)).size).toBe(ENGAGEMENT_TIERS.length);
    for (const tier of ENGAGEMENT_TIERS) {
      expect(codeOf(tier)).toHaveLength(1);
      expect(codeOf(tier)).not.toBe(NO_TIER_CODE);
      expect(tierOf(codeOf(tier))).toBe(tier);
    }
    expect(tierOf(NO_TIER_CODE)).toBeNull();
  });

  it("takes a new tier that shares a first letter with another", () => {
    const tiers = ["healthy", "watch", "win_back", "at_risk", "lapsed"] as const;
    const { codeOf, tierOf } = tierCodes(tiers);
    expect(codeOf("watch")).not.toBe(codeOf("win_back"));
    for (const tier of tiers) expect(tierOf(codeOf(tier))).toBe(tier);
  });

  it("refuses a code it never gave", () => {
    const { tierOf } = tierCodes(ENGAGEMENT_TIERS);
    expect(() => tierOf("9")).toThrow(/unknown tier code/);
    expect(() => tierOf("")).toThrow(/unknown tier code/);
  });
});
