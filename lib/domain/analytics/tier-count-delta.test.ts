import { describe, expect, it } from "vitest";
import { countedClient, scoreBand, tierCountDeltas } from "./tier-count-delta";

const anna = "00000000-0000-4000-8000-00000000000a";
const ben = "00000000-0000-4000-8000-00000000000b";

describe("tierCountDeltas", () => {
  it("moves a client from one tier and band to another, netting per stylist and tier", () => {
    const deltas = tierCountDeltas([
      { before: { stylistId: anna, tier: "watch", score: 55, valueAtRiskCents: 1_000.4 }, after: { stylistId: anna, tier: "at_risk", score: 42, valueAtRiskCents: 3_000 } },
      { before: { stylistId: anna, tier: "watch", score: 51, valueAtRiskCents: 500 }, after: { stylistId: anna, tier: "watch", score: 58, valueAtRiskCents: 500 } },
    ]);
    expect(deltas).toEqual([
      { stylistId: anna, tier: "watch", clients: -1, scoreSum: -48, scoreBands: [0, 0, 0, 0, 0, -1, 0, 0, 0, 0], valueAtRiskCents: -1_000 },
      { stylistId: anna, tier: "at_risk", clients: 1, scoreSum: 42, scoreBands: [0, 0, 0, 0, 1, 0, 0, 0, 0, 0], valueAtRiskCents: 3_000 },
    ]);
  });

  it("counts a first score as an arrival, and leaves out rows that net to nothing", () => {
    expect(tierCountDeltas([{ before: null, after: { stylistId: null, tier: "lapsed", score: 100, valueAtRiskCents: null } }])).toEqual([
      { stylistId: null, tier: "lapsed", clients: 1, scoreSum: 100, scoreBands: [0, 0, 0, 0, 0, 0, 0, 0, 0, 1], valueAtRiskCents: 0 },
    ]);
    const same = { stylistId: ben, tier: "healthy" as const, score: 80, valueAtRiskCents: 10 };
    expect(tierCountDeltas([{ before: same, after: same }])).toEqual([]);
  });

  it("reads stored rows: unscored clients are not counted; bands as the full run makes them", () => {
    expect(countedClient({ stylistId: anna, tier: null, score: null, valueAtRiskCents: null })).toBeNull();
    expect(countedClient({ stylistId: anna, tier: "unscored", score: 3, valueAtRiskCents: null })).toBeNull();
    expect(countedClient({ stylistId: anna, tier: "watch", score: 60, valueAtRiskCents: 1 })).toEqual({ stylistId: anna, tier: "watch", score: 60, valueAtRiskCents: 1 });
    expect([0, 9, 10, 99, 100].map((s) => scoreBand(s))).toEqual([0, 0, 1, 9, 9]);
  });
});
