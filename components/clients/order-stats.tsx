import { formatAgo, formatDate } from "@/components/ui/format";
import { type ClientFigures, formatDollars, keptItemsText, recentWindowText } from "@/lib/domain/engagement";

function Stat({ label, value, detail, testId }: { label: string; value: string; detail?: string; testId: string }) {
  return (
    <div className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200" data-testid={testId}>
      <p className="text-xs font-medium tracking-wide text-stone-500 uppercase">{label}</p>
      <p className="mt-1 text-xl font-semibold text-stone-900 tabular-nums">{value}</p>
      {detail ? <p className="mt-0.5 text-xs text-stone-500">{detail}</p> : null}
    </div>
  );
}

/** The headline figures, worded as the "Why" reasons word them, each with the window it covers. */
export function OrderStats({ figures, now, clientZone }: { figures: ClientFigures; now: Date; clientZone: string }) {
  const window = recentWindowText(figures.recentWindow);
  const cancelled = figures.cancelledCount
    ? `${figures.cancelledCount} cancelled (latest ${formatDate(figures.lastCancelledAt, clientZone)}), not counted`
    : undefined;
  return (
    <div className="grid grid-cols-2 gap-3 lg:grid-cols-4" data-testid="order-stats">
      <Stat
        testId="stat-last-order"
        label="Last order"
        value={formatAgo(figures.lastOrderAt, now, clientZone)}
        detail={figures.usualGapDays ? `Usual gap ${figures.usualGapDays} days (all ${figures.orderCount} fixes)` : undefined}
      />
      <Stat testId="stat-orders" label="Orders" value={String(figures.orderCount)} detail={cancelled} />
      <Stat
        testId="stat-keep-rate"
        label="Keep rate"
        value={figures.recentItemsShipped ? `${Math.round((figures.recentItemsKept / figures.recentItemsShipped) * 100)}%` : "—"}
        detail={figures.recentItemsShipped ? keptItemsText(figures.recentItemsKept, figures.recentItemsShipped, figures.recentWindow) : undefined}
      />
      <Stat
        testId="stat-kept-value"
        label="Avg kept value"
        value={figures.averageKeptValueCents === null ? "—" : formatDollars(figures.averageKeptValueCents)}
        detail={figures.recentWindow ? `Per order, ${window}` : undefined}
      />
    </div>
  );
}
