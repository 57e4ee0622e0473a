import type { Route } from "next";
import Link from "next/link";
import { formatNumber } from "@/components/ui/format";

type NeedsAction = { draftsAwaitingReview: number | null; newlyAtRisk: { value: number; exact: boolean } };

const ITEM = "flex items-baseline gap-2 rounded-lg px-3 py-2 ring-1 ring-stone-200 hover:bg-stone-50 focus-visible:outline-2 focus-visible:outline-ember-500";

/** What needs someone now, first on the overview: each a link to the rows to act on, or what to do next when nothing does. */
export function NeedsActionPanel({ needs }: { needs: NeedsAction }) {
  const drafts = needs.draftsAwaitingReview ?? 0;
  const newly = needs.newlyAtRisk.value;
  const nothing = drafts === 0 && newly === 0;
  return (
    <section aria-labelledby="needs-action" className="mb-6 rounded-xl bg-white px-5 py-4 shadow-sm ring-1 ring-stone-200">
      <h2 id="needs-action" className="text-sm font-semibold text-stone-900">
        Needs action
      </h2>
      {nothing ? (
        <p className="mt-1 text-sm text-stone-600">
          No drafts waiting and no one newly at risk in the last 7 days. Work through{" "}
          <Link href="/today" className="font-medium text-ember-700 underline underline-offset-2">
            Today&apos;s list
          </Link>
          , or go through{" "}
          <Link href={"/clients?tier=at_risk,lapsed&sort=score&dir=asc" as Route} className="font-medium text-ember-700 underline underline-offset-2">
            every at-risk and lapsed client
          </Link>
          .
        </p>
      ) : (
        <ul className="mt-2 flex flex-wrap gap-3 text-sm">
          {needs.draftsAwaitingReview !== null ? (
            <li>
              <Link href={"/emails?status=draft" as Route} className={ITEM}>
                <span className="text-xl font-semibold text-stone-900">{formatNumber(drafts)}</span>
                <span className="text-stone-700">{drafts === 1 ? "draft awaiting review" : "drafts awaiting review"}</span>
              </Link>
            </li>
          ) : null}
          <li>
            <Link href={"/clients?newly=1" as Route} className={ITEM}>
              <span className="text-xl font-semibold text-stone-900">
                {needs.newlyAtRisk.exact ? "" : "about "}
                {formatNumber(newly)}
              </span>
              <span className="text-stone-700">{newly === 1 ? "client newly at risk in the last 7 days" : "clients newly at risk in the last 7 days"}</span>
            </Link>
          </li>
          <li>
            <Link href="/today" className={ITEM}>
              <span className="text-stone-700">Open Today&apos;s work list</span>
            </Link>
          </li>
        </ul>
      )}
    </section>
  );
}
