import { formatDate } from "@/components/ui/format";
import type { TierThresholds } from "@/lib/domain/engagement";

const W = 640;
const H = 180;
const PAD = { left: 30, right: 10, top: 10, bottom: 24 };
const PLOT_W = W - PAD.left - PAD.right;
const PLOT_H = H - PAD.top - PAD.bottom;

const y = (score: number) => PAD.top + (1 - score / 100) * PLOT_H;

/** The score over time as a plain SVG line over the tier bands, so a glance shows which way the client is heading. */
export function ScoreHistoryChart({ points, tiers }: { points: { asOf: Date; score: number }[]; tiers: TierThresholds }) {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return null;
  const t0 = first.asOf.getTime();
  const span = last.asOf.getTime() - t0;
  // A single snapshot sits in the middle rather than on the axis.
  const x = (date: Date) => PAD.left + (span > 0 ? ((date.getTime() - t0) / span) * PLOT_W : PLOT_W / 2);
  const bands = [
    { from: 100, to: tiers.healthy, className: "fill-emerald-50" },
    { from: tiers.healthy, to: tiers.watch, className: "fill-sky-50" },
    { from: tiers.watch, to: tiers.atRisk, className: "fill-amber-50" },
    { from: tiers.atRisk, to: 0, className: "fill-red-50" },
  ];
  const line = points.map((p) => `${x(p.asOf).toFixed(1)},${y(p.score).toFixed(1)}`).join(" ");
  const label = `Score history: ${first.score} on ${formatDate(first.asOf)}, ${last.score} on ${formatDate(last.asOf)}, ${points.length} snapshots`;
  return (
    <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" role="img" aria-label={label}>
      {bands.map((b) => (
        <rect key={b.from} x={PAD.left} width={PLOT_W} y={y(b.from)} height={y(b.to) - y(b.from)} className={b.className} />
      ))}
      {[0, 50, 100].map((v) => (
        <text key={v} x={PAD.left - 6} y={y(v) + 4} textAnchor="end" className="fill-stone-500 text-[11px]">
          {v}
        </text>
      ))}
      <polyline points={line} fill="none" strokeWidth={2} strokeLinejoin="round" className="stroke-ember-600" />
      {points.length <= 60 ? points.map((p, i) => <circle key={i} cx={x(p.asOf)} cy={y(p.score)} r={3} className="fill-ember-600" />) : null}
      <text x={PAD.left} y={H - 6} className="fill-stone-500 text-[11px]">
        {formatDate(first.asOf)}
      </text>
      {span > 0 ? (
        <text x={W - PAD.right} y={H - 6} textAnchor="end" className="fill-stone-500 text-[11px]">
          {formatDate(last.asOf)}
        </text>
      ) : null}
    </svg>
  );
}
