import { TIER_LABELS } from "@/components/engagement/tier-badge";
import { formatDate } from "@/components/ui/format";
import { AtTwoWidths } from "@/components/ui/two-widths";
import type { ScorePoint, TierThresholds } from "@/lib/domain/engagement";

const H = 180;
const PAD = { left: 30, right: 12, top: 10, bottom: 24 };
const PLOT_H = H - PAD.top - PAD.bottom;

const y = (score: number) => PAD.top + (1 - score / 100) * PLOT_H;

/** The score over time as a plain SVG line over the tier bands, so a glance shows which way the client is heading. */
export function ScoreHistoryChart({ points, tiers, zone }: { points: ScorePoint[]; tiers: TierThresholds; zone: string }) {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return null;
  const label = `Score over time: ${first.score} on ${formatDate(first.asOf, zone)}, ${last.score} on ${formatDate(last.asOf, zone)}, ${points.length} weekly points`;
  return (
    <figure role="img" aria-label={label}>
      <AtTwoWidths draw={(width, className) => <Chart width={width} points={points} tiers={tiers} zone={zone} className={className} />} />
    </figure>
  );
}

function Chart({ width, points, tiers, zone, className }: { width: number; points: ScorePoint[]; tiers: TierThresholds; zone: string; className: string }) {
  const plotW = width - PAD.left - PAD.right;
  const t0 = points[0]?.asOf.getTime() ?? 0;
  const span = (points.at(-1)?.asOf.getTime() ?? t0) - t0;
  // A single point (all on one day) sits in the middle, with its date under it.
  const x = (date: Date) => PAD.left + (span > 0 ? ((date.getTime() - t0) / span) * plotW : plotW / 2);
  const bands = [
    { from: 100, to: tiers.healthy, className: "fill-emerald-50", tier: "healthy" },
    { from: tiers.healthy, to: tiers.watch, className: "fill-sky-50", tier: "watch" },
    { from: tiers.watch, to: tiers.atRisk, className: "fill-amber-50", tier: "at_risk" },
    { from: tiers.atRisk, to: 0, className: "fill-red-50", tier: "lapsed" },
  ] as const;
  const ticks = span > 0 ? [points[0], points.at(-1)] : [points[0]];
  const line = points.map((p) => `${x(p.asOf).toFixed(1)},${y(p.score).toFixed(1)}`).join(" ");
  return (
    <svg viewBox={`0 0 ${width} ${H}`} className={`h-auto w-full ${className}`} aria-hidden>
      {bands.map((b) => (
        <rect key={b.from} x={PAD.left} width={plotW} y={y(b.from)} height={y(b.to) - y(b.from)} className={b.className} />
      ))}
      {/* Each band named in its lower right corner, where it is tall enough to hold a word: not told by colour alone. */}
      {bands.map((b) =>
        y(b.to) - y(b.from) >= 12 ? (
          <text key={b.tier} x={width - PAD.right - 4} y={y(b.to) - 3} textAnchor="end" className="fill-stone-500 text-[10px]">
            {TIER_LABELS[b.tier]}
          </text>
        ) : null,
      )}
      {[0, 50, 100].map((v) => (
        <text key={v} x={PAD.left - 6} y={y(v) + 4} textAnchor="end" className="fill-stone-500 text-[11px]">
          {v}
        </text>
      ))}
      <polyline points={line} fill="none" strokeWidth={2} strokeLinejoin="round" className="stroke-ember-600" />
      {points.length <= 30 ? points.map((p, i) => <circle key={i} cx={x(p.asOf)} cy={y(p.score)} r={3} className="fill-ember-600" />) : null}
      {ticks.map((p, i) =>
        p ? (
          <text key={i} x={span > 0 ? (i === 0 ? PAD.left : width - PAD.right) : x(p.asOf)} y={H - 6} textAnchor={span > 0 ? (i === 0 ? "start" : "end") : "middle"} className="fill-stone-500 text-[11px]">
            {formatDate(p.asOf, zone)}
          </text>
        ) : null,
      )}
    </svg>
  );
}
