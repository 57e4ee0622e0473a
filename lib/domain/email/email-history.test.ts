import { describe, expect, it } from "vitest";
import { emailHistory } from "./email-history";

const at = (minute: number) => new Date(Date.UTC(2026, 5, 1, 10, minute));

describe("an email's history", () => {
  it("tells people's edits of its words among its moves, oldest first, naming what they changed", () => {
    const history = emailHistory(
      [
        { id: 1, at: at(0), fromState: null, toState: "draft", actorLabel: "system:outreach", reason: "Written offline" },
        { id: 2, at: at(20), fromState: "draft", toState: "approved", actorLabel: "Ann Lee <ann@x.test>", reason: null },
      ],
      [
        { id: "a", at: at(10), actorLabel: "Ann Lee <ann@x.test>", before: { subject: "Hi", body: "Old", preheader: "", callToAction: "Book" }, after: { subject: "Hello", body: "New", preheader: "", callToAction: "Book" } },
        { id: "b", at: at(15), actorLabel: "Ann Lee <ann@x.test>", before: { subject: "Hello", body: "One.\n\nTwo.", callToAction: "Book" }, after: { subject: "Hello", body: "One.\r\n\r\nTwo.", callToAction: "Book now" } },
      ],
    );
    expect(history.map((h) => [h.title, h.detail])).toEqual([
      ["Draft", "Written offline"],
      ["Edited", "Changed the subject and body."],
      ["Edited", "Changed the button text."],
      ["Draft → Approved", null],
    ]);
  });
});
