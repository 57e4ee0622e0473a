// A client's history as one list, newest first: orders, tier changes, what people did to the client, and win-back
// outreach and its emails.
import { actorName } from "@/lib/domain/access/actor-name";
import { CONTACT_CHANNEL_LABELS, CONTACT_CHANNELS } from "@/lib/domain/today/contact-input";

export type TierName = "healthy" | "watch" | "at_risk" | "lapsed";
const TIER_NAMES: Record<TierName, string> = { healthy: "Healthy", watch: "Watch", at_risk: "At risk", lapsed: "Lapsed" };

export type TimelineSource =
  | { kind: "order"; at: Date; id: string; status: string; itemsShipped: number; itemsKept: number; valueCents: number; currency: string }
  | { kind: "tier"; at: Date; id: string; fromTier: TierName | null; toTier: TierName; score: number }
  | { kind: "action"; at: Date; id: string; action: string; actorLabel: string; after: unknown }
  | { kind: "outreach"; at: Date; id: string; tier: TierName; group: "emailed" | "holdout" }
  | { kind: "email"; at: Date; id: string; fromState: string | null; state: string; subject: string; actorLabel: string; reason: string | null };

/** The moments of a win-back email's life the timeline shows (scheduling and handing to the sender are steps, not news). */
export const TIMELINE_EMAIL_STATES = ["draft", "approved", "sent", "delivered", "opened", "clicked", "bounced", "complained", "failed", "discarded"] as const;
const EMAIL_VERBS: Record<string, string> = {
  draft: "drafted",
  approved: "approved",
  sent: "sent",
  delivered: "delivered",
  opened: "opened",
  clicked: "clicked",
  bounced: "bounced",
  complained: "marked as spam",
  failed: "failed to send",
  discarded: "discarded",
};
/** Moves a person or the app decided, named with who; the rest the recipient's mail reported. */
const DECIDED = new Set(["draft", "approved", "discarded"]);
/** Moves whose recorded reason says why it went wrong or away (a draft's reason is its writer's note, on the email itself). */
const WITH_REASON = new Set(["discarded", "failed", "bounced"]);

/** An email's move as the timeline words it: a draft written, or one taken back to draft (an edit after approval), with its reason. */
function emailMove(source: Extract<TimelineSource, { kind: "email" }>): { verb: string; reason: string | null } {
  if (source.state === "draft" && source.fromState !== null) return { verb: "taken back to draft", reason: source.reason };
  return { verb: EMAIL_VERBS[source.state] ?? source.state, reason: WITH_REASON.has(source.state) ? source.reason : null };
}

export type TimelineEntry = { kind: TimelineSource["kind"]; at: Date; id: string; title: string; detail: string | null };

const money = (cents: number, currency: string) => new Intl.NumberFormat("en-US", { style: "currency", currency }).format(cents / 100);

function snoozeDetail(after: unknown): string | null {
  if (typeof after !== "object" || after === null) return null;
  const { reason, days } = after as { reason?: unknown; days?: unknown };
  if (typeof reason !== "string") return null;
  return typeof days === "number" ? `For ${days} days: ${reason}` : reason;
}

/** "Phone call: left a voicemail", from a logged contact's audit row. */
function contactDetail(after: unknown): string | null {
  if (typeof after !== "object" || after === null) return null;
  const { channel, note } = after as { channel?: unknown; note?: unknown };
  const how = CONTACT_CHANNELS.find((c) => c === channel);
  if (!how) return null;
  return typeof note === "string" && note ? `${CONTACT_CHANNEL_LABELS[how]}: ${note}` : CONTACT_CHANNEL_LABELS[how];
}

const ACTION_TITLES: Record<string, string> = {
  "client.create": "Client created",
  "client.update": "Profile updated",
  "client.snooze": "Snoozed on Today",
  "client.contact": "Contact logged",
  "client.consent": "Marketing consent changed",
};

function consentDetail(after: unknown): string | null {
  if (typeof after !== "object" || after === null) return null;
  const { marketingConsent } = after as { marketingConsent?: unknown };
  return typeof marketingConsent === "boolean" ? (marketingConsent ? "Consent given" : "Consent withdrawn") : null;
}

/** What an action's audit row adds to its title. */
const ACTION_DETAILS: Record<string, (after: unknown) => string | null> = {
  "client.snooze": snoozeDetail,
  "client.contact": contactDetail,
  "client.consent": consentDetail,
};

function describe(source: TimelineSource): TimelineEntry {
  const base = { kind: source.kind, at: source.at, id: `${source.kind}:${source.id}` };
  switch (source.kind) {
    case "order": {
      const status = source.status === "placed" ? "placed" : source.status;
      return {
        ...base,
        title: `Order ${status}`,
        detail: `${source.itemsShipped} shipped, ${source.itemsKept} kept · ${money(source.valueCents, source.currency)}`,
      };
    }
    case "tier":
      return {
        ...base,
        title: source.fromTier ? `${TIER_NAMES[source.fromTier]} → ${TIER_NAMES[source.toTier]}` : `Scored ${TIER_NAMES[source.toTier]}`,
        detail: `Score ${source.score}`,
      };
    case "action": {
      const title = ACTION_TITLES[source.action] ?? source.action;
      const detail = ACTION_DETAILS[source.action]?.(source.after) ?? null;
      return { ...base, title: `${title} by ${actorName(source.actorLabel)}`, detail };
    }
    case "outreach":
      return {
        ...base,
        title: `Entered win-back outreach (${TIER_NAMES[source.tier]})`,
        detail: source.group === "holdout" ? "Held out: no win-back email, to measure what emails add" : "A win-back email follows",
      };
    case "email": {
      const { verb, reason } = emailMove(source);
      const by = DECIDED.has(source.state) ? ` by ${actorName(source.actorLabel)}` : "";
      return { ...base, title: `Win-back email ${verb}${by}`, detail: reason ? `“${source.subject}”: ${reason}` : `“${source.subject}”` };
    }
  }
}

/** Every source as an entry, newest first; at the same moment an order comes before the tier change it caused. */
export function buildTimeline(sources: readonly TimelineSource[]): TimelineEntry[] {
  const rank = { order: 0, action: 1, email: 2, outreach: 3, tier: 4 } as const;
  return [...sources].sort((a, b) => b.at.getTime() - a.at.getTime() || rank[a.kind] - rank[b.kind]).map(describe);
}
