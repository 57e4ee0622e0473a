/**
 * The win-back email lifecycle: one explicit state machine. Every change of state goes through
 * `assertTransition`, so an email can never jump from draft to sent or come back from discarded.
 */
export const EMAIL_STATES = [
  "draft",
  "approved",
  "scheduled",
  "sending",
  "sent",
  "delivered",
  "opened",
  "clicked",
  "bounced",
  "complained",
  "failed",
  "discarded",
] as const;
export type EmailState = (typeof EMAIL_STATES)[number];

const NEXT: Record<EmailState, readonly EmailState[]> = {
  draft: ["approved", "discarded"],
  // Editing an approved or scheduled email sends it back for review.
  approved: ["draft", "scheduled", "sending", "discarded"],
  scheduled: ["draft", "sending", "discarded"],
  // A send that cannot go now (outside the client's daytime window) goes back to scheduled.
  sending: ["sent", "failed", "scheduled"],
  // Providers report events out of order: an open can arrive before the delivery.
  sent: ["delivered", "opened", "clicked", "bounced", "complained", "failed"],
  delivered: ["opened", "clicked", "bounced", "complained"],
  opened: ["clicked", "complained"],
  clicked: ["complained"],
  bounced: [],
  complained: [],
  // A send we recorded failed (every attempt's answer lost) that Resend then reports sent, delivered or opened did
  // go out: the provider's report wins, so the email counts as sent (the gap between emails, the one in flight).
  failed: ["sent", "delivered", "opened", "clicked", "bounced", "complained"],
  discarded: [],
};

export const EMAIL_STATE_LABELS: Record<EmailState, string> = {
  draft: "Draft",
  approved: "Approved",
  scheduled: "Scheduled",
  sending: "Sending",
  sent: "Sent",
  delivered: "Delivered",
  opened: "Opened",
  clicked: "Clicked",
  bounced: "Bounced",
  complained: "Complained",
  failed: "Failed",
  discarded: "Discarded",
};

/** States in which an email is still on its way to the client: at most one win-back per client may be in one. */
export const IN_FLIGHT_STATES: readonly EmailState[] = ["draft", "approved", "scheduled", "sending"];
/** States in which the email has left us: these count for the minimum gap between emails. */
export const SENT_STATES: readonly EmailState[] = ["sent", "delivered", "opened", "clicked", "bounced", "complained"];
/** States a person can still edit, approve or discard from the review queue. */
export const REVIEWABLE_STATES: readonly EmailState[] = ["draft", "approved", "scheduled"];

/**
 * Why an email in `state` cannot be approved, in words that say what to do (a page showing a draft that someone has
 * since approved, sent or discarded is the usual cause), or null for a draft, which can.
 */
export function approvalRefusal(state: EmailState): string | null {
  if (state === "draft") return null;
  if (state === "approved" || state === "scheduled" || state === "sending") return "This email is already approved and on its way. Reload the page to see when it goes out.";
  if (SENT_STATES.includes(state)) return "This email has already been sent. Reload the page to see what happened to it.";
  if (state === "discarded") return "This email was discarded, so it cannot be approved. Write a new draft instead.";
  return "Sending this email failed, so it cannot be approved again. Write a new draft instead.";
}

/** Why an email in `state` cannot be edited, in words that say what to do, or null for one not yet on its way. */
export function editRefusal(state: EmailState): string | null {
  if (REVIEWABLE_STATES.includes(state)) return null;
  if (state === "sending" || SENT_STATES.includes(state)) return "This email has already been sent, so it cannot be edited. Reload the page to see what happened to it.";
  if (state === "discarded") return "This email was discarded, so it cannot be edited. Write a new draft instead.";
  return "Sending this email failed, so it cannot be edited. Write a new draft instead.";
}

/**
 * What a person is told when the email changed after their page showed it (someone approved, edited or discarded it
 * in another tab): their decision was about an email that no longer stands, so it is not applied.
 */
export function changedSinceShown(state: EmailState): string {
  return `This email changed after this page showed it (now: ${EMAIL_STATE_LABELS[state]}). Reload the page to see it as it is; nothing was changed.`;
}

export class IllegalTransitionError extends Error {
  constructor(
    readonly from: EmailState,
    readonly to: EmailState,
  ) {
    super(`An email cannot go from ${EMAIL_STATE_LABELS[from].toLowerCase()} to ${EMAIL_STATE_LABELS[to].toLowerCase()}.`);
  }
}

export function canTransition(from: EmailState, to: EmailState): boolean {
  return NEXT[from].includes(to);
}

/** Throws IllegalTransitionError unless `from → to` is an edge of the lifecycle. */
export function assertTransition(from: EmailState, to: EmailState): void {
  if (!canTransition(from, to)) throw new IllegalTransitionError(from, to);
}

export function isTerminal(state: EmailState): boolean {
  return NEXT[state].length === 0;
}

/** What Resend reports about a sent email (its webhook event types, less the prefix). */
export const DELIVERY_EVENTS = ["sent", "delivered", "delivery_delayed", "opened", "clicked", "bounced", "complained", "failed"] as const;
export type DeliveryEvent = (typeof DELIVERY_EVENTS)[number];

const STATE_OF_EVENT: Record<DeliveryEvent, EmailState | null> = {
  sent: "sent",
  delivered: "delivered",
  delivery_delayed: null, // recorded, but the email stays where it is
  opened: "opened",
  clicked: "clicked",
  bounced: "bounced",
  complained: "complained",
  failed: "failed",
};

/**
 * The state a delivery event moves an email to, or null when it changes nothing: a delayed delivery, a repeat
 * (a second open), or an event that arrives after a later one (a delivery reported after the open).
 */
export function stateAfterEvent(current: EmailState, event: DeliveryEvent): EmailState | null {
  const next = STATE_OF_EVENT[event];
  if (next === null || next === current) return null;
  return canTransition(current, next) ? next : null;
}
