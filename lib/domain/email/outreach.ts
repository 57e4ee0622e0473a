import { isWinBackTier, type RiskTier, TIER_LABELS, WIN_BACK_ROUTES, WIN_BACK_TIERS } from "./policy-settings";

export { isWinBackTier, WIN_BACK_TIERS };

/**
 * A client enters win-back when their tier becomes at risk or lapsed from anything else — including no tier at all
 * (a first score, as after an import of old history) and whatever the score, 0 included.
 */
export function entersWinBack(fromTier: RiskTier | null, toTier: RiskTier): boolean {
  return isWinBackTier(toTier) && (fromTier === null || !isWinBackTier(fromTier));
}

export type OutreachRoute = (typeof WIN_BACK_ROUTES)[number];

/** Per the email policy: send on its own, wait for review, or not draft at all. */
export function outreachRoute(tier: RiskTier, policy: { autoSendTiers: readonly RiskTier[]; reviewTiers: readonly RiskTier[] }): OutreachRoute {
  if (policy.autoSendTiers.includes(tier)) return "auto_send";
  if (policy.reviewTiers.includes(tier)) return "review";
  return "none";
}

/** "a client at risk", "a lapsed client", "a client at risk or lapsed". */
function aClientIn(tiers: readonly RiskTier[]): string {
  if (tiers.length === 1 && tiers[0] === "lapsed") return "a lapsed client";
  return `a client ${tiers.map((tier) => TIER_LABELS[tier].toLowerCase()).join(" or ")}`;
}

type RoutingPolicy = { autoSendTiers: readonly RiskTier[]; reviewTiers: readonly RiskTier[] };

/** How the email policy routes a client entering win-back, in words; null when it drafts nothing for either tier. */
function routesInWords(policy: RoutingPolicy): string | null {
  const routed = (route: OutreachRoute) => WIN_BACK_TIERS.filter((tier) => outreachRoute(tier, policy) === route);
  const reviewed = routed("review");
  const automatic = routed("auto_send");
  if (automatic.length === 0 && reviewed.length === 0) return null;
  const ways = [
    reviewed.length ? `${aClientIn(reviewed)} gets a draft to review` : "",
    automatic.length ? `${aClientIn(automatic)} gets an email sent without review (auto-send)` : "",
  ].filter(Boolean);
  return `${ways.join("; ")}, unless held out or without marketing consent`;
}

/**
 * What a shop's first full rescoring will set off, in words for the button that starts it: every client it scores
 * straight into at risk or lapsed enters win-back at once (a catch-up, not the trickle of later nights), and goes the
 * way the email policy routes their tier. Null when the policy drafts nothing for either tier.
 */
export function firstRunOutreachNotice(policy: RoutingPolicy): string | null {
  const routes = routesInWords(policy);
  return routes && `The first full rescoring hands every client already at risk or lapsed to win-back outreach at once: ${routes}.`;
}

/**
 * The same once scores exist: clients already at risk or lapsed whom outreach has not had yet (scored before outreach
 * ran, as by the demo seed, or turned away while they had no consent), whom the next full rescoring or the nightly
 * sweep hands on at once. `pending` counts them up to a cap (`capped`: more). Null with none, or when the policy drafts
 * nothing.
 */
export function pendingOutreachNotice(pending: number, capped: boolean, policy: RoutingPolicy): string | null {
  const routes = routesInWords(policy);
  if (!routes || pending === 0) return null;
  const count = `${pending.toLocaleString("en-US")}${capped ? "+" : ""}`;
  const who = pending === 1 && !capped ? "1 client at risk or lapsed has" : `${count} clients at risk or lapsed have`;
  return `${who} not been handed to win-back outreach yet: the next full rescoring, or the nightly sweep, hands them on at once: ${routes}.`;
}

/**
 * The same for an import: imported clients are scored (each on their own, or by a full rescoring for a large import),
 * and a first score in at risk or lapsed enters win-back at once. Null when the policy drafts nothing.
 */
export function importOutreachNotice(policy: RoutingPolicy): string | null {
  const routes = routesInWords(policy);
  return routes && `Imported clients are scored, and those first scored at risk or lapsed enter win-back outreach at once: ${routes}.`;
}

/** What a client's stylist has done that outreach waits for: their latest logged contact, and a snooze's end. */
export type StylistHandling = { lastContactAt: Date | null; snoozedUntil: Date | null };

/**
 * Outreach leaves a client to their stylist while the stylist is on it: contact logged within the gap kept between
 * emails (a call is a touch as an email is), or a snooze still running (the stylist chose to wait). The client stays
 * an entry without outreach, so the nightly sweep hands them on once that has passed and they are still slipping.
 * Decided before the holdout draws, so both groups lose such clients alike. Null: outreach may go ahead.
 */
export function stylistHandlingWait(handling: StylistHandling, input: { now: Date; minDaysBetweenEmails: number }): { reason: string; until: Date } | null {
  const now = input.now.getTime();
  if (handling.snoozedUntil && handling.snoozedUntil.getTime() > now) {
    return { reason: "Their stylist snoozed them: outreach waits until the snooze ends.", until: handling.snoozedUntil };
  }
  const contactGapEnds = handling.lastContactAt ? handling.lastContactAt.getTime() + input.minDaysBetweenEmails * 86_400_000 : null;
  if (contactGapEnds !== null && contactGapEnds > now) {
    return { reason: `Their stylist was in touch recently: outreach waits ${input.minDaysBetweenEmails} days after a contact, as after an email.`, until: new Date(contactGapEnds) };
  }
  return null;
}
