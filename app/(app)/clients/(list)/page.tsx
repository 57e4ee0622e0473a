import type { Metadata } from "next";
import { Suspense } from "react";
import { ClientFilters } from "@/components/clients/client-filters";
import { ClientsTable } from "@/components/clients/clients-table";
import { ButtonLink, buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { can, clientScope } from "@/lib/domain/access/policy";
import { BulkReassignForm } from "@/components/clients/bulk-reassign-form";
import { clientListHref, type ClientListQuery, filterParams, isFiltered, listQueryString, parseClientListQuery } from "@/lib/domain/clients/list-query";
import { requirePageContext } from "@/lib/server/auth/session";
import { displayTimeZone } from "@/lib/server/http/viewer-time-zone";
import { countClients, listClients } from "@/lib/server/data/clients";
import { activeTierOverrides } from "@/lib/server/data/demo-overrides";
import { listStylists } from "@/lib/server/data/users";
import { listSavedViews } from "@/lib/server/data/saved-views";
import { latestRevenueAtRisk } from "@/lib/server/data/dashboard";
import { formatDay, formatWholeMoney } from "@/components/ui/format";
import { LIKELY_TO_LAPSE } from "@/lib/domain/analytics/tier-summary";
import Link from "next/link";
import type { Route } from "next";
import { SavedViews } from "@/components/clients/saved-views";
import { ClientCount } from "@/components/clients/client-count";
import { DrillDownNote } from "@/components/clients/drill-down-filters";

export const metadata: Metadata = { title: "Clients" };

export default async function ClientsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requirePageContext("clients.read");
  const query = parseClientListQuery(await searchParams);
  const ownClientsOnly = clientScope(ctx.actor).kind === "stylist";
  const [page, stylists, views, atRisk, zone] = await Promise.all([
    listClients(ctx, query),
    ownClientsOnly ? Promise.resolve([]) : listStylists(ctx),
    listSavedViews(ctx),
    latestRevenueAtRisk(ctx),
    displayTimeZone(),
  ]);
  const currentView = listQueryString(query);
  const filtered = isFiltered(query);
  const canReassign = can(ctx.actor, "clients.assign") && !ownClientsOnly;
  const overrides = await activeTierOverrides(ctx, page.rows.map((row) => row.id));
  return (
    <>
      <PageHeader
        title={ownClientsOnly ? "My clients" : "Clients"}
        description={
          <>
            <Suspense fallback={<span className="inline-block h-4 w-32 animate-pulse rounded bg-stone-200" />}>
              <ClientCount count={countClients(ctx, query)} filtered={filtered} />
            </Suspense>
            {atRisk ? (
              <>
                {" · "}
                <Link href={clientListHref({}, { tier: LIKELY_TO_LAPSE.join(",") }) as Route} className="font-medium text-ember-700 hover:underline">
                  {formatWholeMoney(atRisk.cents)} revenue at risk
                </Link>{" "}
                {/* The figure ignores the filters: say so, rather than let it read as the filtered list's. */}
                <span className="text-stone-500">
                  (every at-risk and lapsed client{ownClientsOnly ? " of yours" : ""}
                  {filtered ? ", whatever the filters" : ""}, as scored on {formatDay(atRisk.day)})
                </span>
              </>
            ) : null}
          </>
        }
        actions={
          <>
            {/* A plain link: the browser downloads the file the route handler answers with. */}
            <a href={exportHref(query)} className={buttonClass("secondary")} download>
              Export CSV
            </a>
            <ButtonLink href="/clients/new">New client</ButtonLink>
          </>
        }
      />
      {/* The list comes first in the page's order (the keyboard and phones reach it first); wide screens put the saved views on its left. */}
      <div className="grid gap-6 lg:grid-cols-[13rem_minmax(0,1fr)]">
        <Card className="lg:col-start-2 lg:row-start-1">
          <ClientFilters query={query} stylists={stylists} showStylistFilter={!ownClientsOnly} />
          <DrillDownNote query={query} />
          {canReassign && page.rows.length > 0 ? <BulkReassignForm stylists={stylists} filters={filterQueryString(query)} filtered={filtered} /> : null}
          <ClientsTable page={page} query={query} showStylist={!ownClientsOnly} filtered={filtered} selectable={canReassign} zone={zone} overrides={overrides} />
        </Card>
        <div className="lg:col-start-1 lg:row-start-1">
          <SavedViews views={views} current={currentView} />
        </div>
      </div>
    </>
  );
}

/** The same filters and order as the list on screen, from its first row. */
function exportHref(query: ClientListQuery): string {
  return `/api/clients/export${clientListHref(query, { after: undefined, before: undefined }).slice("/clients".length)}`;
}

/** The list's filters alone, as the bulk reassignment reads them back. */
function filterQueryString(query: ClientListQuery): string {
  return new URLSearchParams(filterParams(query)).toString();
}
