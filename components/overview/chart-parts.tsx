import { formatNumber } from "@/components/ui/format";
import { formatTime } from "@/lib/domain/time/format";

/** "Nov 3, 2026" for a calendar day (YYYY-MM-DD), as the charts name their points. */
export const dayLabel = (day: string) => formatTime(new Date(`${day}T12:00:00Z`), "UTC");

/** Three horizontal gridlines (0, half, top) with their values, for the overview's SVG charts; hidden from screen readers. */
export function ChartGrid({ top, left, right, y }: { top: number; left: number; right: number; y: (n: number) => number }) {
  return (
    <>
      {[0, 0.5, 1].map((f) => (
        <g key={f} aria-hidden>
          <line x1={left} x2={right} y1={y(top * f)} y2={y(top * f)} className="stroke-stone-200" />
          <text x={left - 6} y={y(top * f) + 4} textAnchor="end" className="fill-stone-500 text-[11px]">
            {formatNumber(Math.round(top * f))}
          </text>
        </g>
      ))}
    </>
  );
}

/** The first and last day under a chart's x axis; a single day sits in the middle, under its point. */
export function AxisDays({ first, last, left, right, y }: { first: string; last: string; left: number; right: number; y: number }) {
  if (first === last) {
    return (
      <text x={(left + right) / 2} y={y} textAnchor="middle" className="fill-stone-500 text-[11px]" aria-hidden>
        {dayLabel(first)}
      </text>
    );
  }
  return (
    <>
      <text x={left} y={y} className="fill-stone-500 text-[11px]" aria-hidden>
        {dayLabel(first)}
      </text>
      <text x={right} y={y} textAnchor="end" className="fill-stone-500 text-[11px]" aria-hidden>
        {dayLabel(last)}
      </text>
    </>
  );
}

/** A chart's key: a colour swatch and a label per series. */
export function ChartLegend({ items }: { items: readonly { key: string; label: string; swatch: string }[] }) {
  return (
    <ul className="mt-2 flex flex-wrap gap-4 text-xs text-stone-600">
      {items.map((item) => (
        <li key={item.key} className="flex items-center gap-1.5">
          <span aria-hidden className={`inline-block size-2.5 rounded-full ${item.swatch}`} />
          {item.label}
        </li>
      ))}
    </ul>
  );
}
