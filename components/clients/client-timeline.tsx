import { formatDate } from "@/components/ui/format";
import type { TimelineEntry } from "@/lib/domain/clients/timeline";

const DOTS: Record<TimelineEntry["kind"], string> = { order: "bg-emerald-500", tier: "bg-amber-500", action: "bg-stone-400", outreach: "bg-rose-500", email: "bg-sky-500" };
const KINDS: Record<TimelineEntry["kind"], string> = { order: "Order", tier: "Tier change", action: "Action", outreach: "Outreach", email: "Email" };

/** Orders, tier changes, people's actions, outreach and emails in one list, newest first. */
/** Days are the client's (`zone`), as in the orders table beside it, so an order has one date on the page. */
export function ClientTimeline({ entries, zone }: { entries: readonly TimelineEntry[]; zone: string }) {
  if (entries.length === 0) return <p className="px-5 py-6 text-sm text-stone-500">Nothing has happened yet: orders, tier changes, snoozes, contacts and emails will show here.</p>;
  return (
    <ol className="space-y-4 px-5 py-4">
      {entries.map((entry) => (
        <li key={entry.id} className="flex gap-3">
          <span aria-hidden className={`mt-1.5 size-2.5 shrink-0 rounded-full ${DOTS[entry.kind]}`} />
          <div className="min-w-0">
            <p className="text-sm font-medium text-stone-900">
              <span className="sr-only">{KINDS[entry.kind]}: </span>
              {entry.title}
            </p>
            {entry.detail ? <p className="text-sm break-words text-stone-600">{entry.detail}</p> : null}
            <p className="text-xs text-stone-500">
              <time dateTime={entry.at.toISOString()}>{formatDate(entry.at, zone)}</time>
            </p>
          </div>
        </li>
      ))}
    </ol>
  );
}
