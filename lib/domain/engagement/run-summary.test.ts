import { describe, expect, it } from "vitest";
import { readModel, summariseTierChanges } from "./run-summary";

describe("summariseTierChanges", () => {
  it("counts who rose, who fell and who was scored for the first time", () => {
    expect(
      summariseTierChanges([
        { from: "healthy", to: "watch", clients: 40 },
        { from: "at_risk", to: "lapsed", clients: 10 },
        { from: "watch", to: "healthy", clients: 7 },
        { from: null, to: "watch", clients: 3 },
      ]),
    ).toEqual({ changed: 60, rose: 7, fell: 50, firstScored: 3 });
    expect(summariseTierChanges([])).toEqual({ changed: 0, rose: 0, fell: 0, firstScored: 0 });
  });
});

describe("readModel", () => {
  it("reads r and α as a purchase rhythm, a and b as a dropout chance (CDNOW's published fit)", () => {
    expect(readModel({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 })).toEqual({
      purchase: "A typical active client orders about once every 18.2 weeks (r ÷ α = 0.0551 orders a week).",
      dropout: "After each order, a client stops ordering with a chance of about 25% on average (a ÷ (a + b)).",
    });
  });
});
