import { Badge } from "@/components/ui/badge";
import type { EngagementTier } from "@/lib/domain/engagement";

export const TIER_LABELS: Record<EngagementTier, string> = { healthy: "Healthy", watch: "Watch", at_risk: "At risk", lapsed: "Lapsed" };
const TONES = { healthy: "green", watch: "blue", at_risk: "amber", lapsed: "red" } as const;

export function TierBadge({ tier }: { tier: EngagementTier | null }) {
  if (!tier) return <Badge>Not scored</Badge>;
  return <Badge tone={TONES[tier]}>{TIER_LABELS[tier]}</Badge>;
}

/** "0.87": P(alive) as a list shows it; a dash when there is no model forecast. */
export function formatPAlive(pAlive: number | null): string {
  return pAlive === null ? "—" : pAlive.toFixed(2);
}
