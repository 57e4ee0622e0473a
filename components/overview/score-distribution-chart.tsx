import { formatNumber } from "@/components/ui/format";
import { AtTwoWidths } from "@/components/ui/two-widths";
import { ChartGrid } from "./chart-parts";
import { countedClientsHref, DASHBOARD_TIERS } from "@/lib/domain/analytics/tier-summary";

const H = 200;
const PAD = { left: 40, right: 10, top: 10, bottom: 28 };
const PLOT_H = H - PAD.top - PAD.bottom;

/** Clients per ten-point score band as the run on `day` scored them, as plain SVG bars; each bar links to the clients in its band that day. */
export function ScoreDistributionChart(props: { bands: readonly number[]; day: string; latestDay: string | null }) {
  return <AtTwoWidths draw={(width, className) => <Bars width={width} className={className} {...props} />} />;
}

function Bars({ width: W, className, bands, day, latestDay }: { width: number; className: string; bands: readonly number[]; day: string; latestDay: string | null }) {
  const top = Math.max(1, ...bands);
  const slot = (W - PAD.left - PAD.right) / bands.length;
  const label = `Score distribution: ${bands.map((n, i) => `${i * 10}–${i === bands.length - 1 ? 100 : i * 10 + 9}: ${n}`).join(", ")}`;
  return (
    <svg viewBox={`0 0 ${W} ${H}`} className={`h-auto w-full ${className}`} role="group" aria-label={label}>
      <ChartGrid top={top} left={PAD.left} right={W - PAD.right} y={(n) => PAD.top + (1 - n / top) * PLOT_H} />
      {bands.map((n, i) => {
        const h = (n / top) * PLOT_H;
        const tone = i < 3 ? "fill-red-400" : i < 5 ? "fill-amber-400" : i < 7 ? "fill-sky-400" : "fill-emerald-500";
        return (
          <a key={i} href={countedClientsHref(day, latestDay, { tier: DASHBOARD_TIERS.join(","), scoreMin: String(i * 10), scoreMax: String(i === bands.length - 1 ? 100 : i * 10 + 9), sort: "score" })} aria-label={`Scores ${i * 10} to ${i === bands.length - 1 ? 100 : i * 10 + 9}: ${formatNumber(n)} clients`} className="focus-visible:outline-2 focus-visible:outline-ember-500">
            <rect x={PAD.left + i * slot + 4} width={slot - 8} y={PAD.top + PLOT_H - h} height={h} rx={3} className={tone} />
            <text x={PAD.left + i * slot + slot / 2} y={H - 10} textAnchor="middle" className="fill-stone-500 text-[11px]">
              {i * 10}
            </text>
          </a>
        );
      })}
    </svg>
  );
}
