import { describe, expect, it } from "vitest";
import { checkEligibility, type EligibilityFacts } from "./eligibility";
import { winBackStandingNote } from "./win-back-standing";

const now = new Date("2026-06-01T12:00:00Z");
const base: EligibilityFacts = { marketingConsent: true, suppressed: false, heldOutUntil: null, lastSentAt: null, lastOrderAt: new Date("2026-03-01T09:00:00Z"), otherEmailStates: [], minDaysBetweenEmails: 21, now };
const day = (date: Date) => date.toISOString().slice(0, 10);

describe("winBackStandingNote", () => {
  it("invites a draft for a client the send would let through", () => {
    expect(winBackStandingNote(checkEligibility(base), day)).toMatch(/^A personal note/);
  });
  it("says a client who never had a fix has nothing to win back", () => {
    expect(winBackStandingNote(checkEligibility({ ...base, lastOrderAt: null }), day)).toMatch(/not had a fix yet, so there is nothing to win back/);
  });
  it("says why not, with the date it ends where it ends", () => {
    expect(winBackStandingNote(checkEligibility({ ...base, suppressed: true }), day)).toMatch(/suppression list.*no win-back email can be sent/);
    expect(winBackStandingNote(checkEligibility({ ...base, heldOutUntil: new Date("2026-06-15T00:00:00Z") }), day)).toBe(
      "This client is in the holdout until 2026-06-15: they get no win-back email and no extra attention (they are left off Today), so what they do shows what the emails add.",
    );
    expect(winBackStandingNote(checkEligibility({ ...base, lastSentAt: new Date("2026-05-20T12:00:00Z") }), day)).toBe(
      "This client was emailed recently. The next win-back email can be written from 2026-06-10.",
    );
    expect(winBackStandingNote(checkEligibility({ ...base, marketingConsent: false }), day)).toMatch(/not agreed to marketing email/);
  });
});
