import { TIER_LABELS, TierBadge } from "@/components/engagement/tier-badge";
import { formatDate } from "@/components/ui/format";
import type { TierOverride } from "@/lib/domain/demo-controls/effective-tier";
import type { EngagementTier } from "@/lib/domain/engagement";

/**
 * The tier a list or page shows: the scored one, or a demo override (admin's Settings → Demo) with a visible
 * "Demo" marker that says what the scored tier is and until when the override lasts.
 */
/** `zone`: the viewer's timezone, for the override's end date. */
export function EffectiveTierBadge({ scored, override, zone }: { scored: EngagementTier | null; override?: TierOverride | null; zone: string }) {
  if (!override) return <TierBadge tier={scored} />;
  const until = formatDate(override.expiresAt, zone);
  return (
    <span className="inline-flex items-center gap-1 whitespace-nowrap" data-testid="demo-override">
      <TierBadge tier={override.tier} />
      <span
        title={`Demo override until ${until}; scored tier: ${scored ? TIER_LABELS[scored] : "not scored"}`}
        className="rounded border border-dashed border-violet-400 bg-violet-50 px-1.5 py-0.5 text-[0.7rem] font-semibold tracking-wide text-violet-800 uppercase"
      >
        Demo<span className="sr-only"> override until {until}, scored tier {scored ? TIER_LABELS[scored] : "not scored"}</span>
      </span>
    </span>
  );
}
