import { IN_FLIGHT_STATES, type EmailState } from "./lifecycle";

/** What decides whether a client may be sent a win-back email now. */
export type EligibilityFacts = {
  marketingConsent: boolean;
  suppressed: boolean;
  /** Until when the client is held out of win-back emails (their latest holdout assignment's window), or null. */
  heldOutUntil: Date | null;
  /** When the client was last sent any email by us (null: never). */
  lastSentAt: Date | null;
  /** When the email being sent was drafted (null when asking whether a new one may be written). */
  draftedAt?: Date | null;
  /** The client's latest order that was not cancelled (null: none, so there is nothing to win back). */
  lastOrderAt: Date | null;
  /** States of the client's other win-back emails (the one being sent excluded). */
  otherEmailStates: readonly EmailState[];
  minDaysBetweenEmails: number;
  now: Date;
};

export type IneligibleReason = "no_consent" | "suppressed" | "never_ordered" | "ordered_since" | "held_out" | "too_soon" | "in_flight";
/** `until`: when a held-out client's window closes, or when the gap since the last email has passed. */
export type Eligibility = { eligible: true } | { eligible: false; reason: IneligibleReason; message: string; until?: Date };

const DAY_MS = 86_400_000;

const INELIGIBLE_MESSAGES: Record<IneligibleReason, string> = {
  no_consent: "The client has not agreed to marketing email.",
  suppressed: "The address is suppressed (unsubscribed, bounced or complained).",
  never_ordered: "The client has not had a fix yet: a win-back email is for clients who have.",
  ordered_since: "The client ordered again after this email was written, so it no longer fits.",
  held_out: "The client is in the holdout for now: they get no win-back email, so the emails' effect can be measured.",
  too_soon: "The client was emailed too recently.",
  in_flight: "Another win-back email for this client is already on its way.",
};

function ineligible(reason: IneligibleReason, until?: Date): Eligibility {
  return { eligible: false, reason, message: INELIGIBLE_MESSAGES[reason], ...(until ? { until } : {}) };
}

/**
 * The guards, in order: consent, suppression, an order ever (a "we miss you, I loved styling for you" to someone never
 * styled rings false, and a score of 0 for no orders is no slip), an order placed since the email was drafted (a "we miss
 * you" to a client who has just come back), the holdout, minimum days since the last email, one win-back in flight.
 */
export function checkEligibility(facts: EligibilityFacts): Eligibility {
  if (!facts.marketingConsent) return ineligible("no_consent");
  if (facts.suppressed) return ineligible("suppressed");
  if (!facts.lastOrderAt) return ineligible("never_ordered");
  if (facts.draftedAt && facts.lastOrderAt && facts.lastOrderAt.getTime() > facts.draftedAt.getTime()) return ineligible("ordered_since");
  if (facts.heldOutUntil && facts.now.getTime() < facts.heldOutUntil.getTime()) return ineligible("held_out", facts.heldOutUntil);
  const gapEnds = facts.lastSentAt ? facts.lastSentAt.getTime() + facts.minDaysBetweenEmails * DAY_MS : null;
  if (gapEnds !== null && facts.now.getTime() < gapEnds) return ineligible("too_soon", new Date(gapEnds));
  if (facts.otherEmailStates.some((s) => IN_FLIGHT_STATES.includes(s))) return ineligible("in_flight");
  return { eligible: true };
}
