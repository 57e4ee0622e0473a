import type { Route } from "next";
import Link from "next/link";
import { clientListHref, type ClientListQuery, filtersOnOutreach } from "@/lib/domain/clients/list-query";
import { dayLabel } from "@/components/overview/chart-parts";
import { ReversedDaysNote } from "@/components/ui/reversed-days-note";
import { daysOutOfOrder } from "@/lib/domain/validation";

/** The filters only a link sets (from the overview's numbers), kept through the filter form as hidden fields. */
const DRILL_DOWN_KEYS = ["asOf", "outreach", "won", "from", "to", "handled"] as const;
export function DrillDownHiddenFields({ query }: { query: ClientListQuery }) {
  return (
    <>
      {DRILL_DOWN_KEYS.map((key) => {
        const value = query[key];
        return value ? <input key={key} type="hidden" name={key} value={value} /> : null;
      })}
    </>
  );
}

/** What the overview's link narrowed the list to, in words, each with a way to drop it. */
export function DrillDownNote({ query }: { query: ClientListQuery }) {
  const notes: { text: string; without: Partial<Record<keyof ClientListQuery, undefined>> }[] = [];
  if (query.asOf) notes.push({ text: `Tier and score as the full run on ${dayLabel(query.asOf)} scored them, not as now.`, without: { asOf: undefined } });
  if (filtersOnOutreach(query)) {
    const group = query.outreach === "emailed" ? "in the emailed group, whether or not their email went out" : query.outreach === "holdout" ? "held out" : "emailed or held out";
    const range = query.from && query.to ? ` between ${dayLabel(query.from)} and ${dayLabel(query.to)}` : query.from ? ` since ${dayLabel(query.from)}` : query.to ? ` up to ${dayLabel(query.to)}` : "";
    notes.push({
      text: `Win-back outreach: clients first assigned to win-back outreach${range}, ${group}${query.won ? ", and were won back (ordered within the attribution window)" : ""}.`,
      without: { outreach: undefined, won: undefined, from: undefined, to: undefined },
    });
  }
  if (query.handled) {
    notes.push({
      text: "Handled this week, as Today counts them: snoozed, contacted or ordering since they slipped, or climbed out of at risk and lapsed.",
      without: { handled: undefined },
    });
  }
  if (notes.length === 0) return null;
  const reversed = query.from && query.to && daysOutOfOrder(query.from, query.to) ? { from: query.from, to: query.to } : null;
  return (
    <>
      {reversed ? (
        <ReversedDaysNote fromLabel="The first assignment day" toLabel="the last" from={reversed.from} to={reversed.to} swapHref={clientListHref({ ...query, after: undefined, before: undefined }, { from: reversed.to, to: reversed.from })} inset="px-4" />
      ) : null}
      <ul className="space-y-1 border-b border-stone-100 bg-ember-50/60 px-4 py-2 text-sm text-stone-800">
        {notes.map((note) => (
          <li key={note.text}>
            {note.text}{" "}
            <Link href={clientListHref({ ...query, after: undefined, before: undefined }, note.without) as Route} className="font-medium text-ember-700 underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-ember-500">
              {"asOf" in note.without ? "Show tiers as now" : "Drop this filter"}
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
