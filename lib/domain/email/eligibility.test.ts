import { describe, expect, it } from "vitest";
import { checkEligibility, type EligibilityFacts } from "./eligibility";

const now = new Date("2026-06-01T12:00:00Z");
const base: EligibilityFacts = { marketingConsent: true, suppressed: false, heldOutUntil: null, lastSentAt: null, lastOrderAt: new Date("2026-03-01T09:00:00Z"), otherEmailStates: [], minDaysBetweenEmails: 21, now };

describe("checkEligibility", () => {
  it("lets a consenting, unsuppressed, quiet client through", () => {
    expect(checkEligibility(base)).toEqual({ eligible: true });
  });
  it("checks consent first, then suppression", () => {
    expect(checkEligibility({ ...base, marketingConsent: false, suppressed: true })).toMatchObject({ eligible: false, reason: "no_consent" });
    expect(checkEligibility({ ...base, suppressed: true })).toMatchObject({ eligible: false, reason: "suppressed" });
  });
  it("writes and sends no win-back email to a client who never had a fix (a cancelled order is none), after consent and suppression", () => {
    expect(checkEligibility({ ...base, lastOrderAt: null })).toMatchObject({ eligible: false, reason: "never_ordered", message: expect.stringContaining("not had a fix yet") });
    expect(checkEligibility({ ...base, lastOrderAt: null, marketingConsent: false })).toMatchObject({ reason: "no_consent" });
    expect(checkEligibility({ ...base, lastOrderAt: null, suppressed: true })).toMatchObject({ reason: "suppressed" });
  });
  it("sends no win-back email written before the client's latest order", () => {
    const draftedAt = new Date("2026-05-25T12:00:00Z");
    expect(checkEligibility({ ...base, draftedAt, lastOrderAt: new Date("2026-05-28T09:00:00Z") })).toMatchObject({ eligible: false, reason: "ordered_since" });
    expect(checkEligibility({ ...base, draftedAt, lastOrderAt: new Date("2026-05-20T09:00:00Z") })).toEqual({ eligible: true });
    // Whether a new one may be written does not look at orders: it would be written now.
    expect(checkEligibility({ ...base, draftedAt: null, lastOrderAt: new Date("2026-05-31T09:00:00Z") })).toEqual({ eligible: true });
  });
  it("sends no win-back email to a held-out client while their window measures them", () => {
    expect(checkEligibility({ ...base, heldOutUntil: new Date("2026-06-15T00:00:00Z") })).toMatchObject({ eligible: false, reason: "held_out", until: new Date("2026-06-15T00:00:00Z") });
    expect(checkEligibility({ ...base, heldOutUntil: new Date("2026-06-01T12:00:00Z") })).toEqual({ eligible: true });
  });
  it("keeps the minimum gap since the last email", () => {
    // Sent 12 days ago with a 21-day gap: the next email may go 9 days from now.
    expect(checkEligibility({ ...base, lastSentAt: new Date("2026-05-20T12:00:00Z") })).toMatchObject({ reason: "too_soon", until: new Date("2026-06-10T12:00:00Z") });
    expect(checkEligibility({ ...base, lastSentAt: new Date("2026-05-11T12:00:00Z") })).toEqual({ eligible: true });
  });
  it("allows one win-back in flight", () => {
    expect(checkEligibility({ ...base, otherEmailStates: ["scheduled"] })).toMatchObject({ reason: "in_flight" });
    expect(checkEligibility({ ...base, otherEmailStates: ["discarded", "delivered"] })).toEqual({ eligible: true });
  });
});
