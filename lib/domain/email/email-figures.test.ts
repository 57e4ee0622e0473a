import { describe, expect, it } from "vitest";
import { emailFigures } from "./email-figures";

describe("emailFigures", () => {
  it("counts each email at every stage it reached, with rates of the stage before, and the share of drafts discarded", () => {
    // 10 emails: 2 drafts, 1 scheduled, 1 discarded, 1 sent, 2 delivered, 1 opened, 1 clicked, 1 bounced.
    const figures = emailFigures([
      { state: "draft", count: 2 },
      { state: "scheduled", count: 1 },
      { state: "discarded", count: 1 },
      { state: "sent", count: 1 },
      { state: "delivered", count: 2 },
      { state: "opened", count: 1 },
      { state: "clicked", count: 1 },
      { state: "bounced", count: 1 },
    ]);
    const by = Object.fromEntries(figures.map((f) => [f.key, [f.count, f.rate]]));
    expect(by).toEqual({
      // The share discarded (in review, or replaced by Regenerate): why sent is 60% of drafted.
      drafted: [10, 0.1],
      awaitingReview: [2, 0.2],
      sent: [6, 0.6],
      delivered: [4, 4 / 6],
      opened: [2, 0.5],
      clicked: [1, 0.5],
      bounced: [1, 1 / 6],
    });
  });

  it("has no rates without a base", () => {
    expect(emailFigures([]).every((f) => f.count === 0 && f.rate === null)).toBe(true);
  });
});
