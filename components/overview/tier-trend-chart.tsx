import { TIER_LABELS } from "@/components/engagement/tier-badge";
import { formatNumber } from "@/components/ui/format";
import { AtTwoWidths } from "@/components/ui/two-widths";
import { AxisDays, ChartGrid, ChartLegend, dayLabel } from "./chart-parts";
import { countedClientsHref, DASHBOARD_TIERS, type DashboardTier, linkedPoints } from "@/lib/domain/analytics/tier-summary";
import type { TierSeriesPoint } from "@/lib/server/data/dashboard";

const H = 220;
const PAD = { left: 48, right: 10, top: 10, bottom: 28 };
const PLOT_H = H - PAD.top - PAD.bottom;
const STROKES: Record<DashboardTier, string> = { healthy: "stroke-emerald-500", watch: "stroke-sky-500", at_risk: "stroke-amber-500", lapsed: "stroke-red-500" };
const FILLS: Record<DashboardTier, string> = { healthy: "fill-emerald-500", watch: "fill-sky-500", at_risk: "fill-amber-500", lapsed: "fill-red-500" };
const SWATCHES: Record<DashboardTier, string> = { healthy: "bg-emerald-500", watch: "bg-sky-500", at_risk: "bg-amber-500", lapsed: "bg-red-500" };
// A pattern per tier as well as a colour: green and red lines look alike to many people (1.5:1 apart).
const DASHES: Record<DashboardTier, string> = { healthy: "", watch: "7 4", at_risk: "2 3", lapsed: "10 3 2 3" };


/**
 * Clients per tier on each day a full run scored, one line per tier. Each dot links to the clients in that tier as
 * that day's run scored them (the list's `asOf`), and names its count and day for screen readers and keyboards.
 */
export function TierTrendChart({ points, latestDay }: { points: readonly TierSeriesPoint[]; latestDay: string | null }) {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return <p className="px-5 py-10 text-center text-sm text-stone-500">No full scoring runs in this range. Widen the dates, or run a full rescore in Settings → Scoring.</p>;
  const top = Math.max(1, ...points.flatMap((p) => DASHBOARD_TIERS.map((t) => p[t])));
  const t0 = Date.parse(first.day);
  const span = Date.parse(last.day) - t0;
  const y = (n: number) => PAD.top + (1 - n / top) * PLOT_H;
  const linked = linkedPoints(points);
  const label = `Clients per tier from ${dayLabel(first.day)} to ${dayLabel(last.day)}: ${DASHBOARD_TIERS.map((t) => `${TIER_LABELS[t]} ${first[t]} to ${last[t]}`).join(", ")}. Each point links to its clients.`;
  const draw = (W: number, className: string) => {
    const plotW = W - PAD.left - PAD.right;
    const x = (day: string) => PAD.left + (span > 0 ? ((Date.parse(day) - t0) / span) * plotW : plotW / 2);
    return (
      <svg viewBox={`0 0 ${W} ${H}`} className={`h-auto w-full overflow-visible ${className}`} role="group" aria-label={label}>
        <ChartGrid top={top} left={PAD.left} right={W - PAD.right} y={y} />
        {DASHBOARD_TIERS.map((tier) => (
          <polyline
            key={tier}
            aria-hidden
            points={points.map((p) => `${x(p.day).toFixed(1)},${y(p[tier]).toFixed(1)}`).join(" ")}
            fill="none"
            strokeWidth={2}
            strokeLinejoin="round"
            strokeDasharray={DASHES[tier] || undefined}
            className={STROKES[tier]}
          />
        ))}
        {DASHBOARD_TIERS.map((tier) => (
          <g key={tier} role="list" aria-label={TIER_LABELS[tier]}>
            {linked.map((p) => {
              // One wording for the tooltip and the name, so what is shown is what is read (WCAG 2.5.3).
              const name = `${TIER_LABELS[tier]}: ${formatNumber(p[tier])} ${p[tier] === 1 ? "client" : "clients"} on ${dayLabel(p.day)}`;
              return (
                <g key={p.day} role="listitem">
                  <a href={countedClientsHref(p.day, latestDay, { tier, sort: "score", dir: "asc" })} aria-label={name} className="group outline-none">
                    <title>{name}</title>
                    {/* A wider transparent target for the pointer; the ring drawn on keyboard focus. */}
                    <circle cx={x(p.day)} cy={y(p[tier])} r={12} className="fill-transparent stroke-transparent stroke-2 group-focus-visible:stroke-stone-900" />
                    <circle cx={x(p.day)} cy={y(p[tier])} r={3.5} className={`${FILLS[tier]} group-hover:stroke-stone-900 group-hover:stroke-1`} />
                  </a>
                </g>
              );
            })}
          </g>
        ))}
        <AxisDays first={first.day} last={last.day} left={PAD.left} right={W - PAD.right} y={H - 8} />
      </svg>
    );
  };
  return (
    <div className="px-5 py-4">
      <AtTwoWidths draw={draw} />
      <ChartLegend items={DASHBOARD_TIERS.map((tier) => ({ key: tier, label: TIER_LABELS[tier], swatch: SWATCHES[tier], line: { stroke: STROKES[tier], dash: DASHES[tier] } }))} />
    </div>
  );
}
