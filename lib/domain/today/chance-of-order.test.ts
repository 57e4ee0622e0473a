import { describe, expect, it } from "vitest";
import { chanceOfOrder } from "./chance-of-order";

describe("chanceOfOrder", () => {
  it("is P(alive) times the Poisson chance of at least one order when alive", () => {
    // Alive for sure, one order expected: 1 − 1/e.
    expect(chanceOfOrder(1, 1)).toBeCloseTo(0.632_12, 5);
    // Half alive, 0.5 expected overall → 1 expected when alive: 0.5 × (1 − 1/e).
    expect(chanceOfOrder(0.5, 0.5)).toBeCloseTo(0.316_06, 5);
  });
  it("is zero for a client the model thinks gone or expecting nothing, and null without a model", () => {
    expect(chanceOfOrder(0, 0.3)).toBe(0);
    expect(chanceOfOrder(0.8, 0)).toBe(0);
    expect(chanceOfOrder(null, 0.3)).toBeNull();
    expect(chanceOfOrder(0.4, null)).toBeNull();
  });
});
