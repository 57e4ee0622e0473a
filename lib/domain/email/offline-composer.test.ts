import { describe, expect, it } from "vitest";
import { validateGrounding } from "./grounding";
import { composeOfflineDraft } from "./offline-composer";

const input = {
  client: { firstName: "Ada", sizes: ["top M"], preferredStyles: ["classic", "minimal"] },
  recentFixes: ["Fix of March 14, 2026: kept 2 of 5 items"],
  whyTheyAreSlipping: ["120 days since last order, usual gap 45 days"],
  stylist: { name: "Ava Stylist" },
  offers: ["Free shipping on your next fix"],
  tier: "lapsed",
  draftsTurnedDown: 0,
  discardedDrafts: [] as { subject: string }[],
};

describe("composeOfflineDraft", () => {
  it("writes a personal draft that passes its own grounding check", () => {
    const draft = composeOfflineDraft(input);
    expect(draft.subject).toBe("We miss you, Ada");
    expect(draft.paragraphs.join(" ")).toContain("free shipping on your next fix");
    const facts = ["First name: Ada", "Preferred styles: classic, minimal", ...input.recentFixes, ...input.whyTheyAreSlipping];
    expect(validateGrounding(draft, { facts, offers: input.offers, products: [] })).toEqual({ ok: true });
  });
  it("words each draft after a discard differently from the one before, every one grounded", () => {
    const facts = ["First name: Ada", "Preferred styles: classic, minimal", ...input.recentFixes, ...input.whyTheyAreSlipping];
    for (const tier of ["lapsed", "at_risk"]) {
      for (const styles of [["classic"], []]) {
        let previous = composeOfflineDraft({ ...input, tier, client: { ...input.client, preferredStyles: styles } });
        const turnedDown: { subject: string }[] = [];
        for (let draftsTurnedDown = 1; draftsTurnedDown <= 8; draftsTurnedDown++) {
          turnedDown.unshift({ subject: previous.subject });
          // The writer is shown the latest three it turned down.
          const discardedDrafts = turnedDown.slice(0, 3);
          const next = composeOfflineDraft({ ...input, tier, client: { ...input.client, preferredStyles: styles }, draftsTurnedDown, discardedDrafts });
          for (const { subject } of discardedDrafts) expect(next.subject).not.toBe(subject);
          expect(next.subject).not.toBe(previous.subject);
          expect(next.paragraphs[0]).not.toBe(previous.paragraphs[0]);
          expect(next.paragraphs[1]).not.toBe(previous.paragraphs[1]);
          expect(validateGrounding(next, { facts, offers: input.offers, products: [] })).toEqual({ ok: true });
          previous = next;
        }
      }
    }
  });
  it("greets without a name when the client's is not one, and still passes its grounding check", () => {
    const draft = composeOfflineDraft({ ...input, client: { ...input.client, firstName: "" } });
    expect(draft.subject).toBe("We miss you");
    expect(draft.paragraphs[0]).toMatch(/^Hi there, /);
    const facts = ["Preferred styles: classic, minimal", ...input.recentFixes];
    expect(validateGrounding(draft, { facts, offers: input.offers, products: [] })).toEqual({ ok: true });
  });
  it("never repeats a stylist name or an offer that reads as a link, so its draft always passes the check", () => {
    const draft = composeOfflineDraft({ ...input, stylist: { name: "Jo.Ann Lee" }, offers: ["See rekindle.shop/terms for details", "Free shipping on your next fix"] });
    expect(draft.preheader).toBe("New classic and minimal picks from your stylist");
    expect(draft.paragraphs.join(" ")).toContain("free shipping on your next fix");
    const facts = ["First name: Ada", "Preferred styles: classic, minimal", ...input.recentFixes, "Stylist: Jo.Ann Lee"];
    expect(validateGrounding(draft, { facts, offers: ["See rekindle.shop/terms for details", "Free shipping on your next fix"], products: [] })).toEqual({ ok: true });
  });
  it("offers nothing when no offer is allowed", () => {
    expect(composeOfflineDraft({ ...input, offers: [] }).paragraphs.join(" ")).not.toMatch(/thank-you/);
  });
  it("does not dwell on a fix the client kept nothing of, and passes over cancelled ones", () => {
    const keptNothing = composeOfflineDraft({ ...input, recentFixes: ["Fix of March 14, 2026: kept 0 of 5 items", "Fix of January 9, 2026: kept 3 of 5 items"] });
    const text = keptNothing.paragraphs.join(" ");
    expect(text).not.toMatch(/kept 0|0 of 5/);
    expect(text).toContain("March 14, 2026");
    expect(keptNothing.factsUsed).toContain("Fix of March 14, 2026: kept 0 of 5 items");
    const facts = ["First name: Ada", "Preferred styles: classic, minimal", "Fix of March 14, 2026: kept 0 of 5 items"];
    expect(validateGrounding(keptNothing, { facts, offers: input.offers, products: [] })).toEqual({ ok: true });

    const afterCancel = composeOfflineDraft({ ...input, recentFixes: ["Fix of April 2, 2026: cancelled", "Fix of March 14, 2026: kept 2 of 5 items"] });
    // Recalled by its date and what was kept, never by what went back ("kept 2 of 5" points at the 3 returned).
    expect(afterCancel.paragraphs[0]).toContain("your last fix, on March 14, 2026, and the pieces you kept");
    expect(afterCancel.paragraphs[0]).not.toMatch(/2 of 5/);
    expect(afterCancel.paragraphs.join(" ")).not.toMatch(/cancelled|April/);
    expect(composeOfflineDraft({ ...input, recentFixes: ["Fix of April 2, 2026: cancelled"] }).paragraphs[0]).not.toMatch(/fix|April/i);
    // Nothing shipped is no miss to own.
    expect(composeOfflineDraft({ ...input, recentFixes: ["Fix of March 14, 2026: kept 0 of 0 items"] }).paragraphs[0]).toContain("Looking back at your last fix");
  });
});
