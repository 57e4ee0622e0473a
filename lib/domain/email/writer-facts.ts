import { dayInZone } from "@/lib/domain/time/format";
import type { RiskTier } from "./policy-settings";

/** Everything the writer may use, and nothing else: the grounding check accepts only what is in here. */
export type WriterFacts = {
  tier: RiskTier | null;
  client: { firstName: string; sizes: string[]; preferredStyles: string[]; notes: string };
  fixes: string[];
  drivers: string[];
  stylist: { name: string; signature: string; voiceNote: string };
  brand: { name: string; voiceGuidelines: string };
  offers: string[];
  /**
   * The client's latest drafts people turned down (discarded in review, or replaced by a Regenerate), newest first,
   * with the reason given: a new draft should read differently and heed the reasons (the offline writer words each
   * attempt differently).
   */
  discardedDrafts: { subject: string; reason: string | null }[];
  /** How many drafts for the client people turned down in all (the list above stops at the latest few). */
  draftsTurnedDown: number;
};

/**
 * The name to greet a client by: the first word of their name when it reads as a name (letters, apostrophes, hyphens),
 * else none (""). A client's name is their own text (a Shopify customer types it), and an email that writes itself
 * from it must not carry whatever else the field holds, such as a link.
 */
export function firstNameOf(name: string): string {
  const first = name.trim().split(/\s+/)[0] ?? "";
  return /^\p{L}[\p{L}\p{M}'’-]{0,39}$/u.test(first) ? first : "";
}

/** The client facts as lines: what the draft's numbers, dates and named facts are checked against. */
export function factLines(facts: WriterFacts): string[] {
  const c = facts.client;
  return [
    ...(c.firstName ? [`First name: ${c.firstName}`] : []),
    ...(c.sizes.length ? [`Sizes: ${c.sizes.join(", ")}`] : []),
    ...(c.preferredStyles.length ? [`Preferred styles: ${c.preferredStyles.join(", ")}`] : []),
    ...facts.fixes,
    ...facts.drivers,
    `Stylist: ${facts.stylist.name}`,
    `Brand: ${facts.brand.name}`,
  ];
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/**
 * "March 14, 2026", the day in `zone` (the client's: the day their order page shows): the form the writer is given
 * dates in, so "March 14" in a draft is found in the facts.
 */
function longDate(at: Date, zone: string): string {
  const [year = "", month = "1", day = "1"] = dayInZone(at, zone).split("-");
  return `${MONTHS[Number(month) - 1]} ${Number(day)}, ${year}`;
}

/** Whether a fix's line (describeFix) says the client kept none of what was shipped. */
export function keptNothingOf(fixLine: string): boolean {
  return /: kept 0 of [1-9]\d* items$/.test(fixLine);
}

/** Whether a fix's line (describeFix) is of a cancelled fix, which was never styled. */
export function isCancelledFix(fixLine: string): boolean {
  return fixLine.endsWith(": cancelled");
}

export function describeFix(fix: { orderedAt: Date; itemsShipped: number; itemsKept: number; status: string }, zone: string): string {
  if (fix.status === "cancelled") return `Fix of ${longDate(fix.orderedAt, zone)}: cancelled`;
  return `Fix of ${longDate(fix.orderedAt, zone)}: kept ${fix.itemsKept} of ${fix.itemsShipped} items`;
}
