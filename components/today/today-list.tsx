import type { Route } from "next";
import Link from "next/link";
import { TierBadge } from "@/components/engagement/tier-badge";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { formatAgo, formatMoney } from "@/components/ui/format";
import type { TodayList as TodayListData } from "@/lib/server/data/today";
import { SnoozeForm } from "./snooze-form";
import { LogContactForm } from "./log-contact-form";
import { logContactAction } from "@/app/(app)/today/actions";

type Item = TodayListData["open"][number];

function ValueAtStake({ item }: { item: Item }) {
  const chance = item.pOrder90d === null ? "no forecast yet" : `${Math.round(item.pOrder90d * 100)}% chance of an order in 90 days`;
  return (
    <p className="text-xs text-stone-500">
      {formatMoney(item.priority)} at stake · {chance}
    </p>
  );
}

/** What the stylist can do about the client by email: review outreach's draft, write one, or nothing (no consent, no fix yet). */
function EmailAction({ item }: { item: Item }) {
  if (item.waitingDraftId) {
    return (
      <ButtonLink href={`/emails/${item.waitingDraftId}` as Route} variant="primary">
        Review the draft<span className="sr-only"> for {item.name}</span>
      </ButtonLink>
    );
  }
  if (!item.emailConsent) return <span className="rounded-lg bg-stone-100 px-3 py-2 text-sm text-stone-600">No email consent: call or text, then log it</span>;
  // A win-back email is for clients who have had a fix (see never_ordered in checkEligibility).
  if (!item.lastOrderAt) return <span className="rounded-lg bg-stone-100 px-3 py-2 text-sm text-stone-600">No fix yet: no win-back email</span>;
  // The client page starts the draft in its win-back email card (see DraftWithAi's startNow).
  return (
    <ButtonLink href={`/clients/${item.clientId}?draft=1#win-back-email` as Route} variant="primary">
      Draft with AI<span className="sr-only"> for {item.name}</span>
    </ButtonLink>
  );
}

function TodayRow({ item, rank, now, zone, canUpdate }: { item: Item; rank: number; now: Date; zone: string; canUpdate: boolean }) {
  return (
    <li className="flex flex-col gap-3 px-5 py-4 sm:flex-row sm:items-start sm:justify-between">
      <div className="flex min-w-0 gap-3">
        <span aria-hidden className="mt-0.5 grid size-7 shrink-0 place-items-center rounded-full bg-stone-100 text-xs font-semibold text-stone-600">
          {rank}
        </span>
        <div className="min-w-0 space-y-1">
          <div className="flex flex-wrap items-center gap-2">
            <Link href={`/clients/${item.clientId}` as Route} className="font-medium text-stone-900 hover:underline">
              {item.name}
            </Link>
            <TierBadge tier={item.tier} />
          </div>
          <p className="text-sm text-stone-700">{item.topDriver?.text ?? "Slipping since the last scoring run"}</p>
          <p className="text-xs text-stone-500">
            Last order {formatAgo(item.lastOrderAt, now, zone).toLowerCase()} · last contact {item.lastContactAt ? formatAgo(item.lastContactAt, now, zone).toLowerCase() : "none recorded"}
          </p>
          <ValueAtStake item={item} />
          {item.waitingDraftId ? <p className="text-xs font-medium text-amber-800">A win-back draft waits for review: nothing has gone out yet.</p> : null}
        </div>
      </div>
      <div className="flex shrink-0 flex-wrap items-start gap-2 sm:justify-end">
        <EmailAction item={item} />
        {canUpdate ? <LogContactForm clientId={item.clientId} clientName={item.name} action={logContactAction} popover /> : null}
        {canUpdate ? <SnoozeForm clientId={item.clientId} clientName={item.name} popover /> : null}
      </div>
    </li>
  );
}

export function TodayList({ today, now, zone, canUpdate }: { today: TodayListData; now: Date; zone: string; canUpdate: boolean }) {
  if (today.open.length === 0) {
    return (
      <EmptyState
        title="Nobody needs you right now"
        description="Every at-risk or lapsed client has been contacted, has ordered, or is snoozed. Check the full list for clients on watch."
        action={
          <ButtonLink href="/clients?tier=watch" variant="secondary">
            Clients on watch
          </ButtonLink>
        }
      />
    );
  }
  return (
    <ol className="divide-y divide-stone-100">
      {today.open.map((item, i) => (
        <TodayRow key={item.clientId} item={item} rank={i + 1} now={now} zone={zone} canUpdate={canUpdate} />
      ))}
    </ol>
  );
}
