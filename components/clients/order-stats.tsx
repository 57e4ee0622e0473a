import { formatAgo, formatMoney } from "@/components/ui/format";
import type { OrderSummary } from "@/lib/domain/orders/order-summary";

function Stat({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <div className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
      <p className="text-xs font-medium tracking-wide text-stone-500 uppercase">{label}</p>
      <p className="mt-1 text-xl font-semibold text-stone-900 tabular-nums">{value}</p>
      {detail ? <p className="mt-0.5 text-xs text-stone-500">{detail}</p> : null}
    </div>
  );
}

export function OrderStats({ summary }: { summary: OrderSummary }) {
  return (
    <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
      <Stat label="Last order" value={formatAgo(summary.lastOrderAt)} detail={summary.typicalGapDays ? `Usually every ${summary.typicalGapDays} days` : undefined} />
      <Stat label="Orders" value={String(summary.orders)} />
      <Stat label="Keep rate" value={summary.keepRate === null ? "—" : `${Math.round(summary.keepRate * 100)}%`} detail="Items kept of items shipped" />
      <Stat label="Avg kept value" value={summary.averageKeptValueCents === null ? "—" : formatMoney(summary.averageKeptValueCents)} detail="Per order" />
    </div>
  );
}
