import { wholePercents } from "@/lib/domain/engagement/whole-percents";
import { Card, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { formatDate } from "@/components/ui/format";
import { chanceWord, type ClientPicture, nextOrderBasisText, orderChanceText, type TierThresholds } from "@/lib/domain/engagement";
import type { ClientEngagement } from "@/lib/server/data/engagement";
import { EffectiveTierBadge } from "@/components/demo/effective-tier-badge";
import type { TierOverride } from "@/lib/domain/demo-controls/effective-tier";
import { ScoreHistoryChart } from "./score-history-chart";
import { formatPAlive } from "./tier-badge";

const COMPONENTS = [
  { key: "outlook", label: "Outlook (chance of an order in 90 days)" },
  { key: "recency", label: "Recency" },
  { key: "frequency", label: "Frequency" },
  { key: "value", label: "Value" },
  { key: "keepRate", label: "Keep rate" },
] as const;

function Fact({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <div>
      <dt className="text-xs font-medium tracking-wide text-stone-500 uppercase">{label}</dt>
      <dd className="mt-0.5 text-sm font-semibold text-stone-900 tabular-nums">{value}</dd>
      {detail ? <dd className="text-xs text-stone-500">{detail}</dd> : null}
    </div>
  );
}

/** What the list shows, when it differs from the page's score as of now (the lists show the last rescoring). */
function storedNote(stored: ClientEngagement["latest"], score: number, zone: string): string {
  return stored && stored.score !== score ? ` · lists show ${stored.score}, from the rescoring of ${formatDate(stored.asOf, zone)}` : "";
}

/**
 * The client's score as of now with its parts, the reasons behind it, the model's outlook, the next order by the
 * client's rhythm and the score over time: all one assessment (`picture`), so no two places disagree.
 */
/** `zones.viewer` for moments (as of), `zones.client` for the client's own days (orders, the next one due). */
export function EngagementCard({ picture, stored, tiers, zones, override }: { picture: ClientPicture; stored: ClientEngagement["latest"]; tiers: TierThresholds; zones: { viewer: string; client: string }; override?: TierOverride | null }) {
  const { assessment: latest, figures } = picture;
  // Whole percents that add up to 100, as Settings → Engagement shows the same weights.
  const shares = latest?.weights ? wholePercents(COMPONENTS.map(({ key }) => latest.weights[key])) : null;
  if (!latest) {
    return (
      <Card>
        <CardHeader title="Engagement" />
        <p className="px-5 py-4 text-sm text-stone-500">Not scored yet: a score appears with the client&rsquo;s first order (cancelled orders do not count).</p>
      </Card>
    );
  }
  return (
    <Card>
      <CardHeader title="Engagement" description={`As of ${formatDate(picture.asOf, zones.viewer)}${latest.pAlive === null ? " · no churn model fitted yet" : ""}${storedNote(stored, latest.score, zones.viewer)}`} />
      <div className="grid gap-6 p-5 md:grid-cols-[auto_1fr_1fr]">
        <div className="space-y-4">
          <div className="flex items-center gap-3">
            <p className="text-4xl font-semibold text-stone-900 tabular-nums" data-testid="engagement-score">
              {latest.score}
            </p>
            <EffectiveTierBadge scored={latest.tier} override={override} zone={zones.viewer} />
          </div>
          <dl className="grid grid-cols-2 gap-4 md:grid-cols-1">
            <Fact
              label="Next 90 days"
              value={latest.pOrder90d === null ? "—" : chanceWord(latest.pOrder90d)}
              detail={latest.pOrder90d === null ? undefined : `${orderChanceText(latest.pOrder90d, 90)} (the model's outlook)`}
            />
            <Fact label="P(alive)" value={formatPAlive(latest.pAlive)} detail="Chance the client is still active" />
            <Fact label="Next order due" value={formatDate(figures.nextOrder.dueAt, zones.client)} detail={nextOrderBasisText(figures)} />
          </dl>
        </div>
        <div>
          <h3 className="text-sm font-semibold text-stone-900">Score parts</h3>
          <p className="mb-2 text-xs text-stone-500">Each out of 100, counted in the score by its share: learned from this shop&rsquo;s history, or set in Settings → Engagement.</p>
          <ul className="space-y-2.5">
            {COMPONENTS.map(({ key, label }, index) => {
              const value = latest.components[key] ?? null;
              const weight = shares?.[index] ?? null;
              return (
                <li key={key}>
                  <div className="flex justify-between gap-2 text-xs text-stone-600">
                    <span>
                      {label}
                      {weight === null ? null : <span className="text-stone-500"> · counts {weight}%</span>}
                    </span>
                    <span className="tabular-nums">{value === null ? "not measured" : value}</span>
                  </div>
                  <div className="mt-1 h-1.5 overflow-hidden rounded-full bg-stone-100">
                    <div className="h-full rounded-full bg-ember-500" style={{ width: `${value ?? 0}%` }} />
                  </div>
                </li>
              );
            })}
          </ul>
        </div>
        <div>
          <h3 className="mb-2 text-sm font-semibold text-stone-900">Why</h3>
          <ul className="space-y-1.5 text-sm" data-testid="why">
            {latest.drivers.map((d) => (
              <li key={d.kind} className="flex gap-2">
                <span aria-hidden className={cn("font-semibold", d.effect === "raises" ? "text-emerald-700" : "text-red-700")}>
                  {d.effect === "raises" ? "↑" : "↓"}
                </span>
                <span className="text-stone-700">
                  <span className="sr-only">{d.effect === "raises" ? "Raises the score: " : "Lowers the score: "}</span>
                  {d.text}
                </span>
              </li>
            ))}
            {figures.lastCancelledAt ? (
              <li className="flex gap-2 text-stone-600">
                <span aria-hidden>·</span>
                <span>
                  {figures.cancelledCount === 1 ? "A fix was cancelled on" : `${figures.cancelledCount} fixes were cancelled, the latest on`} {formatDate(figures.lastCancelledAt, zones.client)}; cancelled fixes do not count
                </span>
              </li>
            ) : null}
          </ul>
        </div>
      </div>
      <div className="border-t border-stone-100 px-5 py-4">
        <h3 className="text-sm font-semibold text-stone-900">Score over time</h3>
        <p className="mb-2 text-xs text-stone-500">As of each week, from the orders placed by then, with today&apos;s settings.</p>
        <ScoreHistoryChart points={picture.scoreOverTime} tiers={tiers} zone={zones.viewer} />
      </div>
    </Card>
  );
}
