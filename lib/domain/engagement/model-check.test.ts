import { describe, expect, it } from "vitest";
import { type CheckedClient, checkModel, verdictOf } from "./model-check";
import type { EngagementTier } from "./score";

const client = (score: number, tier: EngagementTier, daysSinceLastOrder: number, orderedAgain: boolean, pOrder = score / 100): CheckedClient => ({
  score,
  tier,
  pOrder,
  daysSinceLastOrder,
  orderedAgain,
});

// The score sorts perfectly; the rule is fooled by two clients (a long-gone one who came back, a recent one who did not).
const clients = [
  client(90, "healthy", 10, true),
  client(85, "healthy", 200, true),
  client(60, "watch", 20, true),
  client(55, "watch", 30, true),
  client(40, "at_risk", 5, false),
  client(35, "at_risk", 60, false),
  client(10, "lapsed", 100, false),
  client(5, "lapsed", 150, false),
];

describe("checkModel", () => {
  const report = checkModel(clients, 2);

  it("measures the score, the model and the rule by AUC", () => {
    expect(report.auc.score).toBe(1);
    expect(report.auc.model).toBe(1);
    // Orderers' days since last order: 10, 200, 20, 30; non-orderers': 5, 60, 100, 150 (lower ranks higher).
    expect(report.auc.rule).toBe(9 / 16);
  });

  it("sets the flag's precision beside the rule's at the same recall, and the at-risk tier beside the rule's next band", () => {
    expect(report.flag).toMatchObject({ flagged: 4, caught: 4, precision: 1, recall: 1 });
    // The rule needs all 8 clients, down to the one 5 days gone, to catch the 4 who did not order.
    expect(report.flag.rulePrecision).toBe(0.5);
    expect(report.flag.ruleCaughtAtPrecision).toBe(0);
    // After the two clients the score calls lapsed, the rule's next two are 100 (lapsed) and 60 days: both did not order.
    expect(report.atRisk).toMatchObject({ flagged: 2, caught: 2, precision: 1, rulePrecision: 1 });
  });

  it("reports each tier's reorder rate, at risk apart from lapsed, and whether they come out in order", () => {
    expect(report.tiers.map((t) => [t.tier, t.clients, t.shareOrdered])).toEqual([
      ["healthy", 2, 1],
      ["watch", 2, 1],
      ["at_risk", 2, 0],
      ["lapsed", 2, 0],
    ]);
    // Healthy and watch tie: not strictly in order.
    expect(report.tiersInOrder).toBe(false);
    const inOrder = [client(90, "healthy", 1, true), client(60, "watch", 1, true), client(55, "watch", 1, false), client(40, "at_risk", 1, true), client(35, "at_risk", 1, false), client(30, "at_risk", 1, false), client(5, "lapsed", 1, false)];
    expect(checkModel(inOrder).tiersInOrder).toBe(true);
  });

  it("bins P(order) for calibration and gives its expected calibration error", () => {
    expect(report.calibration.map((b) => b.clients)).toEqual([4, 4]);
    // Lower half: mean predicted (5+10+35+40)/400 = 0.225, none ordered; upper: 0.725, all ordered.
    expect(report.calibrationError).toBeCloseTo((0.225 + 0.275) / 2, 12);
  });
});

describe("verdictOf", () => {
  it("says how much more the score finds at the same precision when it beats the rule", () => {
    const verdict = verdictOf(checkModel(clients));
    expect(verdict?.beatsRule).toBe(true);
    expect(verdict?.headline).toMatch(/days-since-last-order rule/);
  });

  it("praises nothing, even beating the rule, when the score ranks no better than chance", () => {
    // Who orders again alternates down the score (AUC 0.375), and the rule has it backwards (AUC 0): the score beats
    // the rule on both counts, and still tells nothing.
    const alternating = [
      client(90, "healthy", 10, false),
      client(80, "healthy", 400, true),
      client(70, "watch", 20, false),
      client(60, "watch", 300, true),
      client(50, "at_risk", 30, false),
      client(40, "at_risk", 350, true),
      client(30, "lapsed", 40, false),
      client(20, "lapsed", 500, true),
    ];
    const report = checkModel(alternating);
    expect(report.auc.score).toBeCloseTo(0.375);
    expect(report.auc.rule ?? 1).toBeLessThan(report.auc.score ?? 0);
    const verdict = verdictOf(report);
    expect(verdict?.beatsRule).toBe(false);
    expect(verdict?.headline).toMatch(/^Warning: .*no better than chance \(AUC 0\.\d\d\)/);
  });

  it("warns when the score does not beat the rule", () => {
    const reversed = clients.map((c) => ({ ...c, score: 100 - c.score, tier: (c.tier === "healthy" ? "lapsed" : c.tier === "lapsed" ? "healthy" : c.tier) as EngagementTier }));
    const verdict = verdictOf(checkModel(reversed));
    expect(verdict?.beatsRule).toBe(false);
    expect(verdict?.headline).toMatch(/^Warning: .*does not beat the days-since-last-order rule/);
  });
});
