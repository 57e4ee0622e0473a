import type { Route } from "next";
import Link from "next/link";
import { Card, CardHeader } from "@/components/ui/card";
import { formatNumber } from "@/components/ui/format";
import { type DashboardRange, weekDaysInRange } from "@/lib/domain/analytics/tier-summary";
import type { GroupOutcome, Uplift } from "@/lib/domain/analytics/uplift";
import { clientListHref } from "@/lib/domain/clients/list-query";
import { EMAIL_FIGURE_LABELS, type EmailFigure, type QueueStatus } from "@/lib/domain/email/email-figures";
import { emailsHref, type QueueFilters } from "@/lib/domain/email/queue-filters";
import { type RiskTier, TIER_LABELS } from "@/lib/domain/email/policy-settings";
import type { EmailBreakdownRow, EmailOverview } from "@/lib/server/data/email-overview";
import type { EmailWeek } from "@/lib/server/data/email-weeks";
import { dayLabel } from "./chart-parts";
import { EmailWeeksChart } from "./email-weeks-chart";

/** Figures only Resend's webhooks report: the local mailbox takes emails in and says nothing more. */
const REPORTED_BY_RESEND = new Set<EmailFigure["key"]>(["delivered", "opened", "clicked", "bounced"]);

const tierLabel = (tier: string | null) => (tier && tier in TIER_LABELS ? TIER_LABELS[tier as RiskTier] : "No tier");
const percent = (rate: number | null) => (rate === null ? "—" : `${(rate * 100).toFixed(1)}%`);
const LINK = "font-medium text-stone-900 underline underline-offset-2 decoration-stone-300 hover:decoration-stone-900 focus-visible:outline-2 focus-visible:outline-ember-500";

/** A count that opens the emails it counts: the queue with the same status, drafted in the same range. */
function CountLink({ count, status, range, filters, label }: { count: number; status: QueueStatus; range: DashboardRange; filters?: Pick<QueueFilters, "tier" | "stylist">; label?: string }) {
  return (
    <Link href={emailsHref({ status, from: range.from, to: range.to, ...filters }) as Route} className={LINK} aria-label={label}>
      {formatNumber(count)}
    </Link>
  );
}

/** A win-back count that opens the clients it counts: the outreach group assigned in the range, optionally only those won back. */
function OutreachLink({ count, group, won, range, label }: { count: number; group: "emailed" | "holdout"; won: boolean; range: DashboardRange; label: string }) {
  const href = clientListHref({}, { outreach: group, won: won ? "1" : undefined, from: range.from, to: range.to });
  return (
    <Link href={href as Route} className={LINK} aria-label={label}>
      {formatNumber(count)}
    </Link>
  );
}

/**
 * What the uplift compares, each count opening its clients: both groups counted from their assignment (whether or not
 * the email went out), over the days whose attribution windows have all closed.
 */
function UpliftCounts({ uplift, range }: { uplift: Uplift; range: DashboardRange }) {
  return (
    <>
      Counted over clients first assigned to win-back outreach from {dayLabel(range.from)} to {dayLabel(range.to)} (their windows have closed), from
      that assignment, whether or not their email went out; a later re-entry is not counted again. Emailed group:{" "}
      <OutreachLink count={uplift.emailed.wonBack} group="emailed" won range={range} label={`${formatNumber(uplift.emailed.wonBack)} clients in the emailed group ordered again within their window`} /> of{" "}
      <OutreachLink count={uplift.emailed.clients} group="emailed" won={false} range={range} label={`${formatNumber(uplift.emailed.clients)} clients in the emailed group`} /> ordered again within their window; held
      out: <OutreachLink count={uplift.heldOut.wonBack} group="holdout" won range={range} label={`${formatNumber(uplift.heldOut.wonBack)} held-out clients ordered again within their window`} /> of{" "}
      <OutreachLink count={uplift.heldOut.clients} group="holdout" won={false} range={range} label={`${formatNumber(uplift.heldOut.clients)} clients held out`} />.
    </>
  );
}

const rateOf = (g: GroupOutcome) => (g.clients ? g.wonBack / g.clients : null);

/**
 * Clients first assigned to outreach in the range who ordered within their window so far, in each group with its
 * rate: a count of the emailed alone would pass orders that would have come anyway, and a group nine times the
 * holdout's size, for the emails' doing. What the emails added is the uplift's to say.
 */
function OrderedAgain({ winBacks, range, stillOpen }: { winBacks: EmailOverview["winBacks"]; range: DashboardRange; stillOpen: number }) {
  const { emailed, heldOut } = winBacks;
  return (
    <p className="border-t border-stone-100 px-5 py-3 text-sm text-stone-700">
      <span className="font-medium text-stone-900">Ordered again so far</span>, of the clients first assigned to win-back outreach in the range
      {stillOpen > 0 ? ` (${formatNumber(stillOpen)} of them still inside their window, so not yet in the uplift)` : ""}: emailed{" "}
      <OutreachLink count={emailed.wonBack} group="emailed" won range={range} label={`${formatNumber(emailed.wonBack)} clients in the emailed group, first assigned in the range, ordered again`} /> of{" "}
      <OutreachLink count={emailed.clients} group="emailed" won={false} range={range} label={`${formatNumber(emailed.clients)} clients in the emailed group`} /> ({percent(rateOf(emailed))}), held out{" "}
      <OutreachLink count={heldOut.wonBack} group="holdout" won range={range} label={`${formatNumber(heldOut.wonBack)} held-out clients ordered again`} /> of{" "}
      <OutreachLink count={heldOut.clients} group="holdout" won={false} range={range} label={`${formatNumber(heldOut.clients)} clients held out`} /> ({percent(rateOf(heldOut))}).{" "}
      {winBacks.shares > 1
        ? "The holdout share changed in this range, so these two rates do not compare: the uplift below compares clients within each share."
        : "Most would have ordered anyway: what the emails added is the uplift\u2019s to say."}
    </p>
  );
}

/** Which clients the uplift compares, and those it leaves out until their window closes. */
function UpliftNote({ overview, uplift }: { overview: EmailOverview; uplift: Uplift }) {
  const measured = uplift.emailed.clients + uplift.heldOut.clients;
  const open = overview.stillOpen;
  if (measured === 0 && open === 0) return <>No client was first assigned to win-back outreach in this range.</>;
  const waiting = `${formatNumber(open)} ${open === 1 ? "client is" : "clients are"} still inside their window and will count once it closes.`;
  if (!overview.upliftRange || measured === 0) return <>No client first assigned to win-back outreach in this range has had their whole attribution window yet: {waiting}</>;
  return (
    <>
      <UpliftCounts uplift={uplift} range={overview.upliftRange} /> {open > 0 ? `${formatNumber(open)} more ${open === 1 ? "is" : "are"} still inside their window and will count once it closes.` : null}
    </>
  );
}

function FigureLink({ figure, range, filters }: { figure: EmailFigure; range: DashboardRange; filters?: Pick<QueueFilters, "tier" | "stylist"> }) {
  return <CountLink count={figure.count} status={figure.status} range={range} filters={filters} />;
}

function BreakdownTable({ title, rows, filter, range, deliveryReported }: { title: string; rows: EmailBreakdownRow[]; filter: "tier" | "stylist"; range: DashboardRange; deliveryReported: boolean }) {
  const keys = ["drafted", "awaitingReview", "sent", "delivered", "opened", "clicked", "bounced"] as const;
  if (rows.length === 0) return <p className="px-5 py-2 text-sm text-stone-500">{title}: no emails drafted in this range yet.</p>;
  return (
    <div className="overflow-x-auto">
      {/* Fixed columns, so the tier and stylist tables line up; on a phone they scroll sideways rather than squash. */}
      <table className="w-full min-w-[40rem] table-fixed text-sm">
        <caption className="px-5 py-2 text-left text-xs font-medium text-stone-500">
          {title}
          <span className="font-normal sm:hidden"> · scroll sideways for every column</span>
        </caption>
        <colgroup>
          <col className="w-44" />
        </colgroup>
        <thead className="text-left text-xs text-stone-500">
          <tr>
            <th className="px-5 py-1 font-medium">{filter === "tier" ? "Tier" : "Stylist"}</th>
            {keys.map((k) => (
              <th key={k} className="px-2 py-1 text-right font-medium last:pr-5">
                {EMAIL_FIGURE_LABELS[k]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id ?? "none"} className="border-t border-stone-100">
              <th scope="row" className="truncate px-5 py-1 text-left font-normal text-stone-700">{filter === "tier" ? tierLabel(row.id) : row.label}</th>
              {row.figures.map((f) => (
                <td key={f.key} className="px-2 py-1 text-right tabular-nums last:pr-5">
                  {/* Zero is not a count when the mail reports nothing (the local mailbox): a dash, as the cards say "not reported". */}
                  {!deliveryReported && REPORTED_BY_RESEND.has(f.key) ? (
                    <span className="text-stone-400" title="Not reported while emails go to the local mailbox">
                      —
                    </span>
                  ) : (
                    <FigureLink figure={f} range={range} filters={filter === "tier" ? { tier: (row.id ?? "none") as QueueFilters["tier"] } : { stylist: row.id ?? "unassigned" }} />
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The overview's email section: the funnel, win-backs and the holdout uplift, then the analytics by tier and stylist. */
export function EmailOverviewSection({ overview, range, weeks }: { overview: EmailOverview; range: DashboardRange; weeks: readonly EmailWeek[] }) {
  const { figures, uplift } = overview;
  const bounced = figures.find((f) => f.key === "bounced")?.count ?? 0;
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader
          title="Win-back emails"
          description="Emails drafted in the range and how far they got, and how many of the clients first assigned to outreach in it ordered again, emailed or held out; each number opens the rows behind it."
        />
        <dl className="grid grid-cols-2 gap-3 px-5 py-4 sm:grid-cols-4 xl:grid-cols-7">
          {figures.map((f) => (
            <div key={f.key}>
              <dt className="text-xs text-stone-500">{f.label}</dt>
              <dd className="text-xl">
                <FigureLink figure={f} range={range} />
              </dd>
              {!overview.deliveryReported && REPORTED_BY_RESEND.has(f.key) ? (
                <dd className="text-xs text-stone-500">not reported</dd>
              ) : f.rateOf ? (
                <dd className="text-xs text-stone-500">
                  {f.shareStatus && f.rate !== null ? (
                    <Link href={emailsHref({ status: f.shareStatus, from: range.from, to: range.to }) as Route} className={LINK}>
                      {percent(f.rate)} {f.rateOf}
                    </Link>
                  ) : (
                    <>
                      {percent(f.rate)} {f.rateOf}
                    </>
                  )}
                </dd>
              ) : null}
            </div>
          ))}
        </dl>
        <OrderedAgain winBacks={overview.winBacks} range={range} stillOpen={overview.stillOpen} />
        {uplift ? (
          <div className="border-t border-stone-100 px-5 py-4 text-sm">
            <p className="font-medium text-stone-900">Holdout uplift</p>
            <p className="text-stone-700">{uplift.reading}</p>
            <p className="text-xs text-stone-500">
              <UpliftNote overview={overview} uplift={uplift} />
            </p>
          </div>
        ) : null}
      </Card>
      <Card>
        <CardHeader
          title="Emails and win-backs per week"
          description="Emails drafted, and clients who ordered again by the week of their first assignment to win-back outreach; each bar opens its rows. The holdout is a small share of clients, so its bars are short whatever the emails do: the uplift above compares rates."
        />
        <EmailWeeksChart weeks={weeks} />
      </Card>
      <Card>
        <CardHeader title="Email analytics" description="Emails drafted in the range, by tier and by stylist; each number opens the emails behind it." />
        {overview.deliveryReported ? null : (
          <p className="px-5 pt-3 text-xs text-stone-500">Delivered, opened, clicked and bounced are not reported while emails go to the local mailbox (no RESEND_API_KEY).</p>
        )}
        <p className="px-5 pt-3 text-sm text-stone-700">
          Bounced <CountLink count={bounced} status="bounced" range={range} label={`${formatNumber(bounced)} bounced`} />, complaints{" "}
          <CountLink count={overview.complained} status="complained" range={range} label={`${formatNumber(overview.complained)} complaints`} />
          {overview.suppressed === null ? null : (
            <>
              ,{" "}
              <Link href={"/emails/suppressions" as Route} className={LINK} aria-label={`${formatNumber(overview.suppressed)} addresses on the suppression list`}>
                {formatNumber(overview.suppressed)}
              </Link>{" "}
              addresses on the suppression list
            </>
          )}
          .
        </p>
        <BreakdownTable title="By tier" rows={overview.byTier} filter="tier" range={range} deliveryReported={overview.deliveryReported} />
        <BreakdownTable title="By stylist" rows={overview.byStylist} filter="stylist" range={range} deliveryReported={overview.deliveryReported} />
        <div className="overflow-x-auto px-5 py-3">
          <table className="text-sm">
            <caption className="py-2 text-left text-xs font-medium text-stone-500">Opens and clicks per week</caption>
            <thead className="text-left text-xs text-stone-500">
              <tr>
                <th className="pr-4 font-medium">Week of</th>
                <th className="pr-4 text-right font-medium">Opens</th>
                <th className="text-right font-medium">Clicks</th>
              </tr>
            </thead>
            <tbody>
              {overview.activity.length === 0 ? (
                <tr>
                  <td colSpan={3} className="py-1 text-stone-500">No opens or clicks in this range yet.</td>
                </tr>
              ) : (
                overview.activity.map((w) => {
                  const days = weekDaysInRange(w.week, range);
                  const eventHref = (event: "opened" | "clicked") => emailsHref({ status: "all", event, eventFrom: days.from, eventTo: days.to }) as Route;
                  return (
                    <tr key={w.week}>
                      <td className="pr-4 whitespace-nowrap">{dayLabel(w.week)}</td>
                      <td className="pr-4 text-right tabular-nums">
                        <Link href={eventHref("opened")} className={LINK} aria-label={`Week of ${dayLabel(w.week)}: ${formatNumber(w.opened)} opens`}>
                          {formatNumber(w.opened)}
                        </Link>
                      </td>
                      <td className="text-right tabular-nums">
                        <Link href={eventHref("clicked")} className={LINK} aria-label={`Week of ${dayLabel(w.week)}: ${formatNumber(w.clicked)} clicks`}>
                          {formatNumber(w.clicked)}
                        </Link>
                      </td>
                    </tr>
                  );
                })
              )}
            </tbody>
          </table>
        </div>
      </Card>
    </div>
  );
}
