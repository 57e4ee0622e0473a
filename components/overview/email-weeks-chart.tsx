import { formatNumber } from "@/components/ui/format";
import { AtTwoWidths } from "@/components/ui/two-widths";
import { AxisDays, ChartGrid, ChartLegend, dayLabel } from "./chart-parts";
import { clientListHref } from "@/lib/domain/clients/list-query";
import { emailsHref } from "@/lib/domain/email/queue-filters";
import type { EmailWeek } from "@/lib/server/data/email-weeks";

const H = 200;
const PAD = { left: 40, right: 10, top: 10, bottom: 28 };
const PLOT_H = H - PAD.top - PAD.bottom;

type Series = { key: "drafted" | "wonBack" | "heldOutWonBack"; label: string; fill: string; swatch: string; href: (w: EmailWeek) => string; name: (n: number, week: string) => string };

const plural = (n: number, one: string, many: string) => `${formatNumber(n)} ${n === 1 ? one : many}`;

const SERIES: Series[] = [
  {
    key: "drafted",
    label: "Emails drafted",
    fill: "fill-stone-400",
    swatch: "bg-stone-400",
    href: (w) => emailsHref({ status: "all", from: w.from, to: w.to }),
    name: (n, week) => `Week of ${week}: ${plural(n, "email", "emails")} drafted`,
  },
  {
    key: "wonBack",
    label: "Emailed, ordered again",
    fill: "fill-emerald-500",
    swatch: "bg-emerald-500",
    href: (w) => clientListHref({}, { outreach: "emailed", won: "1", from: w.from, to: w.to }),
    name: (n, week) => `Week of ${week}: ${plural(n, "client", "clients")} in the emailed group ordered again`,
  },
  {
    key: "heldOutWonBack",
    label: "Held out, ordered again",
    fill: "fill-sky-400",
    swatch: "bg-sky-400",
    href: (w) => clientListHref({}, { outreach: "holdout", won: "1", from: w.from, to: w.to }),
    name: (n, week) => `Week of ${week}: ${plural(n, "held-out client", "held-out clients")} ordered again`,
  },
];

/**
 * Emails drafted and clients won back per week, as grouped SVG bars; each bar links to the emails or clients it
 * counts (the week's days inside the range), and names its count and week for screen readers and keyboards.
 */
export function EmailWeeksChart({ weeks }: { weeks: readonly EmailWeek[] }) {
  if (weeks.length === 0) return <p className="px-5 py-8 text-center text-sm text-stone-500">No emails drafted and no client first assigned to win-back outreach in this range. Widen the dates, or check the review queue for drafts.</p>;
  const top = Math.max(1, ...weeks.flatMap((w) => SERIES.map((s) => w[s.key])));
  const y = (n: number) => PAD.top + (1 - n / top) * PLOT_H;
  const first = weeks[0];
  const last = weeks.at(-1);
  const draw = (W: number, className: string) => {
    const slot = (W - PAD.left - PAD.right) / weeks.length;
    const bar = Math.max(2, Math.min(14, (slot - 4) / SERIES.length));
    return (
      <svg viewBox={`0 0 ${W} ${H}`} className={`h-auto w-full max-w-3xl overflow-visible ${className}`} role="group" aria-label="Emails drafted and clients won back per week; each bar links to its rows.">
        <ChartGrid top={top} left={PAD.left} right={W - PAD.right} y={y} />
        {weeks.map((w, i) => {
          const x0 = PAD.left + i * slot + (slot - bar * SERIES.length) / 2;
          return (
            <g key={w.week} role="list" aria-label={`Week of ${dayLabel(w.week)}`}>
              {SERIES.map((s, j) => {
                const n = w[s.key];
                const h = Math.max(n > 0 ? 1 : 0, (n / top) * PLOT_H);
                return (
                  <g key={s.key} role="listitem">
                    <a href={s.href(w)} aria-label={s.name(n, dayLabel(w.week))} className="group outline-none">
                      <title>{s.name(n, dayLabel(w.week))}</title>
                      {/* The whole column height is the target, so an empty week's zero is still reachable by pointer. */}
                      <rect x={x0 + j * bar} width={bar} y={PAD.top} height={PLOT_H} className="fill-transparent stroke-transparent stroke-2 group-focus-visible:stroke-stone-900" />
                      <rect x={x0 + j * bar + 0.5} width={bar - 1} y={PAD.top + PLOT_H - h} height={h} className={`${s.fill} group-hover:opacity-80`} />
                    </a>
                  </g>
                );
              })}
            </g>
          );
        })}
        {first && last ? <AxisDays first={first.week} last={last.week} left={PAD.left} right={W - PAD.right} y={H - 8} /> : null}
      </svg>
    );
  };
  return (
    <div className="px-5 py-4">
      <AtTwoWidths draw={draw} />
      <ChartLegend items={SERIES} />
      <WeeksTable weeks={weeks} />
    </div>
  );
}

/** The chart's figures as a table of links: targets a finger can hit on a phone, and rows a screen reader can walk. */
function WeeksTable({ weeks }: { weeks: readonly EmailWeek[] }) {
  return (
    <details className="mt-3 text-sm">
      <summary className="cursor-pointer py-1 font-medium text-ember-700">The weeks as a table</summary>
      <div className="mt-2 overflow-x-auto">
        <table className="w-full max-w-2xl text-left">
          <thead className="text-xs text-stone-500">
            <tr>
              <th className="py-2 pr-3 font-medium">Week of</th>
              {SERIES.map((s) => (
                <th key={s.key} className="px-3 py-2 text-right font-medium">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {weeks.map((w) => (
              <tr key={w.week}>
                <th scope="row" className="py-1 pr-3 font-normal whitespace-nowrap text-stone-700">
                  {dayLabel(w.week)}
                </th>
                {SERIES.map((s) => (
                  <td key={s.key} className="px-3 py-1 text-right tabular-nums">
                    <a href={s.href(w)} aria-label={s.name(w[s.key], dayLabel(w.week))} className="inline-block min-w-6 py-1.5 text-ember-700 underline decoration-stone-300 underline-offset-4">
                      {formatNumber(w[s.key])}
                    </a>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
