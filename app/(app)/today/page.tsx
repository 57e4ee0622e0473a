import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { Card, CardHeader } from "@/components/ui/card";
import { formatDay, formatNumber } from "@/components/ui/format";
import { optionalDayParam } from "@/lib/domain/validation";
import { PageHeader } from "@/components/ui/page-header";
import { PageNotice } from "@/components/ui/page-notice";
import { TodayList } from "@/components/today/today-list";
import { displayTimeZone } from "@/lib/server/http/viewer-time-zone";
import { can } from "@/lib/domain/access/policy";
import { requirePageContext } from "@/lib/server/auth/session";
import { getTodayList, TODAY_COUNT_CAP, TODAY_SHOWN } from "@/lib/server/data/today";

export const metadata: Metadata = { title: "Today" };

const FIGURE_LINK = "underline decoration-stone-300 underline-offset-4 hover:decoration-stone-900 focus-visible:outline-2 focus-visible:outline-ember-500";
/** `snoozedUntil` comes back from the snooze form (the day the client returns), `contactLogged` from logging contact. */
const todayParams = z.object({ snoozedUntil: optionalDayParam, contactLogged: z.literal("1").optional().catch(undefined) });
const NOTICE_KEYS = ["snoozedUntil", "contactLogged"];

export default async function TodayPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requirePageContext("clients.read");
  const now = new Date();
  const today = await getTodayList(ctx, now);
  const { snoozedUntil, contactLogged } = todayParams.parse(await searchParams);
  const notice = snoozedUntil
    ? `Snoozed until ${formatDay(snoozedUntil)}. The client comes back then unless they order first.`
    : contactLogged
      ? "Contact logged: the client is off the list unless they slip further or again, and the contact is on their timeline."
      : null;
  const more = today.openCount - today.open.length;
  const handledCount = `${formatNumber(today.handledThisWeek)}${today.handledThisWeekCapped ? "+" : ""}`;
  const openCount = `${formatNumber(Math.min(today.openCount, TODAY_COUNT_CAP))}${today.openCountCapped ? "+" : ""}`;
  return (
    <>
      <PageHeader
        title="Today"
        description="Clients who most need a personal touch, ranked by the value at stake: the chance they do not order in 90 days times what they usually spend."
      />
      {notice ? <PageNotice key={notice} text={notice} keys={NOTICE_KEYS} /> : null}
      <dl className="mb-6 grid grid-cols-2 gap-4 sm:max-w-md">
        <div className="rounded-xl bg-white px-4 py-3 shadow-sm ring-1 ring-stone-200">
          <dt className="text-xs font-medium text-stone-500">To do</dt>
          <dd className="text-2xl font-semibold text-stone-900">
            <a href="#work-list" className={FIGURE_LINK} aria-label={`${openCount} to do: the work list`}>
              {openCount}
            </a>
          </dd>
        </div>
        <div className="rounded-xl bg-white px-4 py-3 shadow-sm ring-1 ring-stone-200">
          {/* The week is kept as the handling is recorded, from Monday 00:00 UTC (today_handled). */}
          <dt className="text-xs font-medium text-stone-500">
            Handled this week <span className="font-normal">(since Monday, UTC)</span>
          </dt>
          <dd className="text-2xl font-semibold text-stone-900">
            <Link href="/clients?handled=week" className={FIGURE_LINK} aria-label={`${handledCount} handled this week: the clients`}>
              {handledCount}
            </Link>
          </dd>
        </div>
      </dl>
      <Card className="scroll-mt-20 lg:scroll-mt-6" id="work-list">
        <CardHeader
          title="Work list"
          description={more > 0 ? `The top ${TODAY_SHOWN} of ${openCount}.` : "Items leave the list when the client is contacted, orders, or is snoozed."}
          action={
            <Link href="/clients?tier=at_risk,lapsed" className="text-sm font-medium text-ember-700 hover:underline">
              All at-risk and lapsed clients
            </Link>
          }
        />
        <TodayList today={today} now={now} zone={await displayTimeZone()} canUpdate={can(ctx.actor, "clients.update")} />
        {today.heldOut > 0 ? (
          <p className="border-t border-stone-100 px-5 py-3 text-xs text-stone-500" data-testid="held-out-note">
            {formatNumber(today.heldOut)}
            {today.heldOutCapped ? "+" : ""} at-risk or lapsed {today.heldOut === 1 && !today.heldOutCapped ? "client is" : "clients are"} held out of win-back outreach and not listed
            while their window runs: they get no email and no extra attention, so what they do shows what the emails add.
          </p>
        ) : null}
      </Card>
    </>
  );
}
