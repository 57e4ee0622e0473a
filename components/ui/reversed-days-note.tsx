import type { Route } from "next";
import Link from "next/link";
import { formatDay } from "./format";

/**
 * Says why a list filtered on a first day after its last is empty, rather than leave it looking like no data, with a
 * link to the same filters with the two days swapped. `inset` matches the card's own padding.
 */
export function ReversedDaysNote({ fromLabel, toLabel, from, to, swapHref, inset = "px-5" }: { fromLabel: string; toLabel: string; from: string; to: string; swapHref: string; inset?: "px-4" | "px-5" }) {
  return (
    <p role="status" className={`border-b border-amber-200 bg-amber-50 py-2 text-sm text-amber-900 ${inset}`}>
      {fromLabel} ({formatDay(from)}) is after {toLabel} ({formatDay(to)}), so no day lies between them and nothing can match.{" "}
      <Link href={swapHref as Route} className="font-medium text-ember-700 underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-ember-500">
        Swap the dates
      </Link>
    </p>
  );
}
