import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { holdoutBucket, isHeldOut } from "./holdout";

describe("holdout", () => {
  it("is deterministic per client, tier and seed", () => {
    const id = "0b7c6f0e-2f7e-4d5e-9b1a-3c2d1e0f9a8b";
    expect(holdoutBucket("s", id, "at_risk")).toBe(holdoutBucket("s", id, "at_risk"));
    expect(holdoutBucket("s", id, "at_risk")).not.toBe(holdoutBucket("s", id, "lapsed"));
  });
  it("holds out about the configured share", () => {
    const ids = Array.from({ length: 20_000 }, () => randomUUID());
    const held = ids.filter((clientId) => isHeldOut({ seed: "x", clientId, tier: "at_risk", share: 0.1 })).length;
    expect(held / ids.length).toBeGreaterThan(0.09);
    expect(held / ids.length).toBeLessThan(0.11);
  });
  it("holds out nobody at 0 and everybody at 1", () => {
    expect(isHeldOut({ seed: "x", clientId: "a", tier: "t", share: 0 })).toBe(false);
    expect(isHeldOut({ seed: "x", clientId: "a", tier: "t", share: 1 })).toBe(true);
  });
});
