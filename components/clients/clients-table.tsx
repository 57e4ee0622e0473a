import { tableHeadClass } from "@/components/ui/table";
import type { Route } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { formatAgo, formatDate, formatNumber } from "@/components/ui/format";
import { EffectiveTierBadge } from "@/components/demo/effective-tier-badge";
import { formatPAlive } from "@/components/engagement/tier-badge";
import type { TierOverride } from "@/lib/domain/demo-controls/effective-tier";
import { boundsLeaveOutUnscored, type ClientListQuery, type ClientSort, clientListHref } from "@/lib/domain/clients/list-query";
import type { listClients } from "@/lib/server/data/clients";
import { BULK_FORM_ID } from "./bulk-form-id";
import { SortHeader } from "./sort-header";

type Page = Awaited<ReturnType<typeof listClients>>;

export function ClientsTable({
  page,
  query,
  showStylist,
  filtered,
  zone,
  overrides,
  selectable = false,
}: {
  page: Page;
  query: ClientListQuery;
  showStylist: boolean;
  filtered: boolean;
  zone: string;
  /** Demo tier overrides in force for the page's clients, shown marked in place of the scored tier. */
  overrides?: ReadonlyMap<string, TierOverride>;
  selectable?: boolean;
}) {
  if (page.rows.length === 0) {
    return filtered ? (
      <EmptyState
        title="No clients match"
        description={
          boundsLeaveOutUnscored(query)
            ? "Clients not scored have no score, chance or due date, so a score, chance or overdue bound leaves them out: clear those bounds to see them."
            : "Try a different name or email, or clear the filters."
        }
        action={<Link className={buttonClass("secondary")} href="/clients">Clear filters</Link>} />
    ) : (
      <EmptyState title="No clients yet" description="Add your first client, or connect an order system to bring clients in." action={<Link className={buttonClass()} href="/clients/new">New client</Link>} />
    );
  }
  const sortHeader = (sort: ClientSort, label: string, className?: string) => <SortHeader query={query} sort={sort} label={label} className={className} />;
  return (
    <>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead className={tableHeadClass}>
            <tr>
              {selectable ? (
                <th scope="col" className="w-8 px-3 py-2.5">
                  <span className="sr-only">Select</span>
                </th>
              ) : null}
              {sortHeader("name", "Client")}
              {showStylist ? <th className="hidden px-3 py-2.5 font-medium md:table-cell">Stylist</th> : null}
              {sortHeader("last_order", "Last order")}
              {sortHeader("orders", "Orders", "hidden text-right sm:table-cell")}
              {sortHeader("score", "Score", "hidden text-right sm:table-cell")}
              <th scope="col" className="hidden px-3 py-2.5 font-medium sm:table-cell">
                Tier
              </th>
              <th scope="col" className="hidden px-3 py-2.5 text-right font-medium md:table-cell">
                Chance, 90 days
              </th>
              {sortHeader("p_alive", "P(alive)", "hidden text-right sm:table-cell")}
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {page.rows.map((client) => (
              <tr key={client.id} className="hover:bg-stone-50/80">
                {selectable ? (
                  <td className="px-3 py-3 align-top">
                    <input type="checkbox" name="clientIds[]" value={client.id} form={BULK_FORM_ID} aria-label={`Select ${client.name}`} className="size-4 accent-ember-600" />
                  </td>
                ) : null}
                {/* w-full + max-w-0: the name column takes the room left and truncates, instead of widening the table past its card;
                    min-w-40 keeps a name readable beside eight columns, the table scrolling sideways before it gets narrower. */}
                <td className="w-full max-w-0 min-w-40 px-3 py-3">
                  <Link href={`/clients/${client.id}`} className="block truncate font-medium text-stone-900 hover:text-ember-700 hover:underline">
                    {client.name}
                  </Link>
                  <div className="truncate text-xs text-stone-500">{client.email}</div>
                  {/* Phones have no room for the tier and score columns: show them under the name. */}
                  <div className="mt-1 flex items-center gap-2 sm:hidden">
                    <EffectiveTierBadge scored={client.engagementTier} override={overrides?.get(client.id)} zone={zone} />
                    {client.engagementScore === null ? null : <span className="text-xs text-stone-600 tabular-nums">Score {client.engagementScore}</span>}
                  </div>
                </td>
                {showStylist ? <td className="hidden px-3 py-3 text-stone-700 md:table-cell">{client.stylistName ?? <span className="text-stone-500">Unassigned</span>}</td> : null}
                <td className="px-3 py-3 whitespace-nowrap text-stone-700">
                  <span title={formatDate(client.lastOrderAt, zone)}>{formatAgo(client.lastOrderAt, new Date(), zone)}</span>
                </td>
                <td className="hidden px-3 py-3 text-right text-stone-700 tabular-nums sm:table-cell">{formatNumber(client.orderCount)}</td>
                <td className="hidden px-3 py-3 text-right font-medium text-stone-900 tabular-nums sm:table-cell">{client.engagementScore ?? "—"}</td>
                <td className="hidden px-3 py-3 whitespace-nowrap sm:table-cell">
                  <EffectiveTierBadge scored={client.engagementTier} override={overrides?.get(client.id)} zone={zone} />
                </td>
                <td className="hidden px-3 py-3 text-right text-stone-700 tabular-nums md:table-cell">{client.pOrder90d === null ? "—" : `${Math.round(client.pOrder90d * 100)}%`}</td>
                <td className="hidden px-3 py-3 text-right text-stone-700 tabular-nums sm:table-cell">{formatPAlive(client.pAlive)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label="Pagination" className="flex items-center justify-between gap-3 border-t border-stone-100 px-4 py-3">
        <PageLink href={page.previousCursor ? clientListHref(query, { before: page.previousCursor }) : null} label="Previous" />
        <PageLink href={page.nextCursor ? clientListHref(query, { after: page.nextCursor }) : null} label="Next" />
      </nav>
    </>
  );
}

function PageLink({ href, label }: { href: string | null; label: string }) {
  if (!href) return <span className={buttonClass("secondary", "pointer-events-none opacity-40")} aria-disabled="true">{label}</span>;
  return (
    <Link href={href as Route} className={buttonClass("secondary")} rel={label === "Next" ? "next" : "prev"}>
      {label}
    </Link>
  );
}
