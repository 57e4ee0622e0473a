import type { Metadata } from "next";
import { formatDay } from "@/components/ui/format";
import { RangeForm } from "@/components/overview/range-form";
import { ScoreDistributionChart } from "@/components/overview/score-distribution-chart";
import { TierCards } from "@/components/overview/tier-cards";
import { TierTrendChart } from "@/components/overview/tier-trend-chart";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { can, clientScope } from "@/lib/domain/access/policy";
import { dashboardRangeNotice, parseDashboardRange } from "@/lib/domain/analytics/tier-summary";
import { requirePageContext } from "@/lib/server/auth/session";
import { loadOverviewPage } from "@/lib/server/data/overview-page";
import { EmailOverviewSection } from "@/components/overview/email-overview";
import { NeedsActionPanel } from "@/components/overview/needs-action";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requirePageContext("clients.read");
  const params = await searchParams;
  const range = parseDashboardRange(params, new Date());
  const rangeNotice = dashboardRangeNotice(params, range, formatDay);
  const { overview, emails, weeks, draftsAwaitingReview, newlyAtRisk, latestDay } = await loadOverviewPage(ctx, range);
  const own = clientScope(ctx.actor).kind === "stylist";
  return (
    <>
      <PageHeader
        title={own ? "My overview" : "Overview"}
        description={
          overview.day
            ? `As scored on ${formatDay(overview.day)}${overview.previousDay ? `, compared with ${formatDay(overview.previousDay)}` : ""}.`
            : latestDay
              ? `No full scoring run by ${formatDay(range.to)}, the end of this range.`
              : "No full scoring run yet."
        }
        actions={<RangeForm range={range} />}
      />
      {rangeNotice ? (
        <p role="status" className="mb-6 rounded-lg bg-amber-50 px-4 py-2.5 text-sm text-amber-900 ring-1 ring-amber-200">
          {rangeNotice}
        </p>
      ) : null}
      <NeedsActionPanel needs={{ draftsAwaitingReview, newlyAtRisk }} />
      {overview.summary ? (
        <div className="space-y-6">
          <TierCards summary={overview.summary} changes={overview.changes} day={overview.day} latestDay={latestDay} />
          <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
            <Card>
              <CardHeader title="Score distribution" description="Clients per ten-point score band." />
              <div className="px-5 py-4">
                <ScoreDistributionChart bands={overview.summary.scoreBands} day={overview.day} latestDay={latestDay} />
              </div>
            </Card>
            <Card>
              <CardHeader title="Tiers over time" description={`Clients per tier at each full scoring run, ${formatDay(range.from)} to ${formatDay(range.to)}.`} />
              <TierTrendChart points={overview.series} latestDay={latestDay} />
            </Card>
          </div>
        </div>
      ) : (
        <Card>
          {latestDay ? (
            // Runs exist, all after the range: the range is the thing to change, not the scoring.
            <EmptyState
              title={`Nothing scored by ${formatDay(range.to)}`}
              description={`The first full scoring runs came after this range ends (the latest is ${formatDay(latestDay)}): choose a range that ends later.`}
              action={<ButtonLink href={`/overview?to=${latestDay}`}>Show the latest 90 days</ButtonLink>}
            />
          ) : (
            <EmptyState
              title="Nothing scored yet"
              description="The overview fills in after the first full scoring run (nightly, or started by an admin), as of the end of the chosen range."
              action={can(ctx.actor, "settings.manage") ? <ButtonLink href="/settings/scoring">Run a full rescore</ButtonLink> : undefined}
            />
          )}
        </Card>
      )}
      {emails ? (
        <div className="mt-6">
          <EmailOverviewSection overview={emails} range={range} weeks={weeks} />
        </div>
      ) : null}
    </>
  );
}
