import { formatDay, formatNumber } from "@/components/ui/format";

/** "Nov 3, 2026" for a calendar day (YYYY-MM-DD), as the charts name their points. */
export const dayLabel = formatDay;

/** Three horizontal gridlines (0, half, top) with their values, for the overview's SVG charts; hidden from screen readers. */
export function ChartGrid({ top, left, right, y }: { top: number; left: number; right: number; y: (n: number) => number }) {
  return (
    <>
      {[0, 0.5, 1].map((f) => (
        <g key={f} aria-hidden>
          <line x1={left} x2={right} y1={y(top * f)} y2={y(top * f)} className="stroke-stone-200" />
          {/* A small count's midpoint is no whole number (half of 1 would read "1"): that line goes unlabelled. */}
          {f !== 0.5 || Number.isInteger(top * f) || top >= 10 ? (
            <text x={left - 6} y={y(top * f) + 4} textAnchor="end" className="fill-stone-500 text-[11px]">
              {formatNumber(Math.round(top * f))}
            </text>
          ) : null}
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

/**
 * A chart's key. An item with a `line` (its stroke class and dash pattern) shows a short stretch of that line, so the
 * series are told apart by their pattern as well as their colour; others show a coloured dot.
 */
export function ChartLegend({ items }: { items: readonly { key: string; label: string; swatch: string; line?: { stroke: string; dash: string } }[] }) {
  return (
    <ul className="mt-2 flex flex-wrap gap-4 text-xs text-stone-600">
      {items.map((item) => (
        <li key={item.key} className="flex items-center gap-1.5">
          {item.line ? (
            <svg aria-hidden viewBox="0 0 24 6" className="h-1.5 w-6">
              <line x1={0} y1={3} x2={24} y2={3} strokeWidth={2} strokeDasharray={item.line.dash} className={item.line.stroke} />
            </svg>
          ) : (
            <span aria-hidden className={`inline-block size-2.5 rounded-full ${item.swatch}`} />
          )}
          {item.label}
        </li>
      ))}
    </ul>
  );
}
