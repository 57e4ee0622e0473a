// The stylist's "Today" list: who most needs a personal touch now, and when an item counts as handled.

export interface TodayCandidate {
  clientId: string;
  /** Chance of at least one order in the next 90 days, from the model; null when the client was never scored. */
  pOrder90d: number | null;
  /** Average value the client keeps per fix, in cents; null without kept orders. */
  averageKeptValueCents: number | null;
  /** When the client entered their current slipping tier (at risk or lapsed). */
  slippingSince: Date;
  lastOrderAt: Date | null;
  /** Latest contact: an email a person wrote, one outreach wrote once it was approved (see countsAsContact), or a contact the stylist logged. */
  lastContactAt: Date | null;
  /** A snooze the stylist set, with its end. */
  snoozedUntil: Date | null;
  /**
   * Until when the client is held out of win-back outreach (their holdout's attribution window), or null. Off the list
   * meanwhile: an emailed client leaves it once their email is approved, and a held-out one left on it would get the
   * stylist's calls instead, so the holdout would measure emails against a stylist's attention rather than nothing.
   */
  heldOutUntil: Date | null;
}

type HandledReason = "contacted" | "ordered" | "snoozed" | "held_out";

/** Value used for clients with no kept orders yet, so a new client at risk still ranks by their risk. */
export const FALLBACK_VALUE_CENTS = 10_000;

/**
 * A client's value at risk, in cents: the chance they do not order in the next 90 days times what they usually keep
 * per order (an even chance when the model has not scored them, FALLBACK_VALUE_CENTS when they kept nothing yet).
 * Stored with each score (client_scores.value_at_risk_cents), so Today ranks in SQL and revenue at risk is a sum.
 */
export function valueAtRiskCents(pOrder90d: number | null, averageKeptValueCents: number | null): number {
  const risk = 1 - clamp01(pOrder90d === null || Number.isNaN(pOrder90d) ? 0.5 : pOrder90d);
  const value = averageKeptValueCents === null || Number.isNaN(averageKeptValueCents) ? FALLBACK_VALUE_CENTS : averageKeptValueCents;
  return risk * Math.max(0, value);
}

/** Expected value at stake: the chance the client does not order in 90 days, times what they usually keep. */
export function priorityOf(candidate: TodayCandidate): number {
  return valueAtRiskCents(candidate.pOrder90d, candidate.averageKeptValueCents);
}

/**
 * Why an item is off the list, or null while it still needs the stylist. Contact or an order counts from the slip on;
 * a holdout only while its window runs (and it is not the stylist's handling: "handled this week" leaves it out).
 */
export function handledReason(candidate: TodayCandidate, now: Date): HandledReason | null {
  const since = candidate.slippingSince.getTime();
  if (candidate.lastOrderAt && candidate.lastOrderAt.getTime() >= since) return "ordered";
  if (candidate.lastContactAt && candidate.lastContactAt.getTime() >= since) return "contacted";
  if (candidate.snoozedUntil && candidate.snoozedUntil.getTime() > now.getTime()) return "snoozed";
  if (candidate.heldOutUntil && candidate.heldOutUntil.getTime() > now.getTime()) return "held_out";
  return null;
}

interface TodayList<T extends TodayCandidate> {
  open: Array<T & { priority: number }>;
  handled: Array<T & { reason: HandledReason }>;
}

/**
 * Splits candidates into the open list, highest priority first (ties: slipping longest first), and the handled ones.
 * The rules in words a test can hold the page to: Today itself ranks and filters in SQL, over an index, at a million
 * clients (`lib/server/data/today.ts`), and `today.test.ts` checks it gives this list.
 */
export function buildTodayList<T extends TodayCandidate>(candidates: readonly T[], now: Date): TodayList<T> {
  const open: Array<T & { priority: number }> = [];
  const handled: Array<T & { reason: HandledReason }> = [];
  for (const candidate of candidates) {
    const reason = handledReason(candidate, now);
    if (reason) handled.push({ ...candidate, reason });
    else open.push({ ...candidate, priority: priorityOf(candidate) });
  }
  open.sort(
    (a, b) =>
      b.priority - a.priority || a.slippingSince.getTime() - b.slippingSince.getTime() || a.clientId.localeCompare(b.clientId),
  );
  return { open, handled };
}

/** Start of the week (Monday 00:00 UTC) that `now` falls in, for "handled this week". */
export function startOfWeek(now: Date): Date {
  const day = (now.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - day));
}

function clamp01(v: number) {
  return Math.min(1, Math.max(0, v));
}
