// A client's history as one list, newest first: orders, tier changes and what people did to the client.

export type TierName = "healthy" | "watch" | "at_risk" | "lapsed";
const TIER_NAMES: Record<TierName, string> = { healthy: "Healthy", watch: "Watch", at_risk: "At risk", lapsed: "Lapsed" };

export type TimelineSource =
  | { kind: "order"; at: Date; id: string; status: string; itemsShipped: number; itemsKept: number; valueCents: number; currency: string }
  | { kind: "tier"; at: Date; id: string; fromTier: TierName | null; toTier: TierName; score: number }
  | { kind: "action"; at: Date; id: string; action: string; actorLabel: string; after: unknown };

export type TimelineEntry = { kind: TimelineSource["kind"]; at: Date; id: string; title: string; detail: string | null };

const money = (cents: number, currency: string) => new Intl.NumberFormat("en-US", { style: "currency", currency }).format(cents / 100);
/** "Ann Lee <ann@x>" → "Ann Lee"; system actors keep their label. */
const who = (label: string) => label.replace(/\s*<[^>]*>$/, "");

function snoozeDetail(after: unknown): string | null {
  if (typeof after !== "object" || after === null) return null;
  const { reason, days } = after as { reason?: unknown; days?: unknown };
  if (typeof reason !== "string") return null;
  return typeof days === "number" ? `For ${days} days: ${reason}` : reason;
}

const ACTION_TITLES: Record<string, string> = {
  "client.create": "Client created",
  "client.update": "Profile updated",
  "client.snooze": "Snoozed on Today",
  "client.consent": "Marketing consent changed",
};

function consentDetail(after: unknown): string | null {
  if (typeof after !== "object" || after === null) return null;
  const { marketingConsent } = after as { marketingConsent?: unknown };
  return typeof marketingConsent === "boolean" ? (marketingConsent ? "Consent given" : "Consent withdrawn") : null;
}

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
      const detail = source.action === "client.snooze" ? snoozeDetail(source.after) : source.action === "client.consent" ? consentDetail(source.after) : null;
      return { ...base, title: `${title} by ${who(source.actorLabel)}`, detail };
    }
  }
}

/** Every source as an entry, newest first; at the same moment an order comes before the tier change it caused. */
export function buildTimeline(sources: readonly TimelineSource[]): TimelineEntry[] {
  const rank = { order: 0, action: 1, tier: 2 } as const;
  return [...sources].sort((a, b) => b.at.getTime() - a.at.getTime() || rank[a.kind] - rank[b.kind]).map(describe);
}
