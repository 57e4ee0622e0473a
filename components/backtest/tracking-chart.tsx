import { AtTwoWidths } from "@/components/ui/two-widths";
import type { TrackingWeek } from "@/lib/domain/engagement";

const HEIGHT = 260;
const PAD = { left: 52, right: 12, top: 12, bottom: 36 };
const PLOT_H = HEIGHT - PAD.top - PAD.bottom;

/**
 * Fader, Hardie & Lee's tracking chart: cumulative repeat orders week by week after the cutoff, as the model expected
 * them (dashed) and as they came (solid). Lines that part show the model losing track of the shop.
 */
export function TrackingChart({ weeks }: { weeks: TrackingWeek[] }) {
  const last = weeks.at(-1);
  if (!last) return null;
  const top = Math.max(1, ...weeks.map((w) => Math.max(w.expected, w.actual)));
  const y = (orders: number) => PAD.top + (1 - orders / top) * PLOT_H;
  const yTicks = [0, 0.5, 1].map((f) => Math.round(f * top));
  const xTicks = weeks.filter((w) => w.week === 1 || w.week === last.week || w.week % 4 === 0).map((w) => w.week);
  const draw = (width: number, className: string) => {
    const plotW = width - PAD.left - PAD.right;
    const x = (week: number) => PAD.left + (week / last.week) * plotW;
    const points = (pick: (w: TrackingWeek) => number) => [`${x(0)},${y(0)}`, ...weeks.map((w) => `${x(w.week).toFixed(1)},${y(pick(w)).toFixed(1)}`)].join(" ");
    return (
      <svg
        viewBox={`0 0 ${width} ${HEIGHT}`}
        className={`h-auto w-full max-w-2xl ${className}`}
        role="img"
        aria-label={`Tracking: after ${last.week} weeks the model expected ${Math.round(last.expected)} repeat orders; ${last.actual} came`}
      >
        <rect x={PAD.left} y={PAD.top} width={plotW} height={PLOT_H} className="fill-stone-50 stroke-stone-200" />
        {yTicks.map((t) => (
          <text key={t} x={PAD.left - 6} y={y(t) + 3} textAnchor="end" className="fill-stone-500 text-[10px]">
            {t.toLocaleString("en-US")}
          </text>
        ))}
        {xTicks.map((t) => (
          <text key={t} x={x(t)} y={HEIGHT - 20} textAnchor="middle" className="fill-stone-500 text-[10px]">
            {t}
          </text>
        ))}
        <polyline points={points((w) => w.expected)} fill="none" strokeWidth={2} strokeDasharray="5 4" className="stroke-stone-500" />
        <polyline points={points((w) => w.actual)} fill="none" strokeWidth={2} className="stroke-ember-600" />
        <text x={PAD.left + plotW / 2} y={HEIGHT - 4} textAnchor="middle" className="fill-stone-600 text-[11px]">
          Weeks after the cutoff
        </text>
      </svg>
    );
  };
  return <AtTwoWidths draw={draw} />;
}
