import { TIER_LABELS } from "@/components/engagement/tier-badge";
import { formatNumber } from "@/components/ui/format";
import { DASHBOARD_TIERS, type DashboardTier } from "@/lib/domain/analytics/tier-summary";
import type { TierSeriesPoint } from "@/lib/server/data/dashboard";

const W = 640;
const H = 220;
const PAD = { left: 48, right: 10, top: 10, bottom: 28 };
const PLOT_W = W - PAD.left - PAD.right;
const PLOT_H = H - PAD.top - PAD.bottom;
const STROKES: Record<DashboardTier, string> = { healthy: "stroke-emerald-500", watch: "stroke-sky-500", at_risk: "stroke-amber-500", lapsed: "stroke-red-500" };
const FILLS: Record<DashboardTier, string> = { healthy: "fill-emerald-500", watch: "fill-sky-500", at_risk: "fill-amber-500", lapsed: "fill-red-500" };
const SWATCHES: Record<DashboardTier, string> = { healthy: "bg-emerald-500", watch: "bg-sky-500", at_risk: "bg-amber-500", lapsed: "bg-red-500" };

/** Clients per tier on each day a full run scored, one line per tier. */
export function TierTrendChart({ points }: { points: readonly TierSeriesPoint[] }) {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return <p className="px-5 py-10 text-center text-sm text-stone-500">No full scoring runs in this range. Widen the dates, or run a full rescore in Settings → Scoring.</p>;
  const top = Math.max(1, ...points.flatMap((p) => DASHBOARD_TIERS.map((t) => p[t])));
  const t0 = Date.parse(first.day);
  const span = Date.parse(last.day) - t0;
  const x = (day: string) => PAD.left + (span > 0 ? ((Date.parse(day) - t0) / span) * PLOT_W : PLOT_W / 2);
  const y = (n: number) => PAD.top + (1 - n / top) * PLOT_H;
  const label = `Clients per tier from ${first.day} to ${last.day}: ${DASHBOARD_TIERS.map((t) => `${TIER_LABELS[t]} ${first[t]} to ${last[t]}`).join(", ")}`;
  return (
    <div className="px-5 py-4">
      <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" role="img" aria-label={label}>
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(top * f)} y2={y(top * f)} className="stroke-stone-200" />
            <text x={PAD.left - 6} y={y(top * f) + 4} textAnchor="end" className="fill-stone-500 text-[11px]">
              {formatNumber(Math.round(top * f))}
            </text>
          </g>
        ))}
        {DASHBOARD_TIERS.map((tier) => (
          <g key={tier}>
            <polyline
              points={points.map((p) => `${x(p.day).toFixed(1)},${y(p[tier]).toFixed(1)}`).join(" ")}
              fill="none"
              strokeWidth={2}
              strokeLinejoin="round"
              className={STROKES[tier]}
            />
            {/* Dots while they stay apart, so a single run still shows. */}
            {points.length <= 60 ? points.map((p) => <circle key={p.day} cx={x(p.day)} cy={y(p[tier])} r={3.5} className={`${FILLS[tier]}`} />) : null}
          </g>
        ))}
        <text x={PAD.left} y={H - 8} className="fill-stone-500 text-[11px]">
          {first.day}
        </text>
        {span > 0 ? (
          <text x={W - PAD.right} y={H - 8} textAnchor="end" className="fill-stone-500 text-[11px]">
            {last.day}
          </text>
        ) : null}
      </svg>
      <ul className="mt-2 flex flex-wrap gap-4 text-xs text-stone-600">
        {DASHBOARD_TIERS.map((tier) => (
          <li key={tier} className="flex items-center gap-1.5">
            <span aria-hidden className={`inline-block size-2.5 rounded-full ${SWATCHES[tier]}`} />
            {TIER_LABELS[tier]}
          </li>
        ))}
      </ul>
    </div>
  );
}
