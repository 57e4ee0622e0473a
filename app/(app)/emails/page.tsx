import type { Metadata, Route } from "next";
import Link from "next/link";
import { QueueFiltersForm } from "@/components/emails/queue-filters";
import { QueueTable } from "@/components/emails/queue-table";
import { ActionButton } from "@/components/emails/action-button";
import { EmailProfileForm } from "@/components/emails/email-profile-form";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/domain/access/policy";
import { emailsHref, emptyQueueKind, type QueueFilters, queueFiltersSchema } from "@/lib/domain/email/queue-filters";
import { requirePageContext } from "@/lib/server/auth/session";
import { countEmails, emailProfileOf, listEmails, QUEUE_LIMIT } from "@/lib/server/data/emails";
import { formatNumber } from "@/components/ui/format";
import { listStylists } from "@/lib/server/data/users";
import { ReversedDaysNote } from "@/components/ui/reversed-days-note";
import { daysOutOfOrder } from "@/lib/domain/validation";
import { sendDueEmailsAction } from "./actions";

export const metadata: Metadata = { title: "Emails" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function EmailsPage({ searchParams }: Props) {
  const ctx = await requirePageContext("emails.write");
  const filters = queueFiltersSchema.parse(await searchParams);
  const allClients = can(ctx.actor, "emails.review");
  // One more than a page, to know whether older emails follow.
  const [rows, count, stylists, profile] = await Promise.all([listEmails(ctx, filters, QUEUE_LIMIT + 1), countEmails(ctx, filters), allClients ? listStylists(ctx) : [], emailProfileOf(ctx)]);
  const emails = rows.slice(0, QUEUE_LIMIT);
  const olderHref = rows.length > QUEUE_LIMIT ? emailsHref({ ...filters, before: emails.at(-1)?.id }) : null;
  const newestHref = filters.before ? emailsHref({ ...filters, before: undefined }) : null;
  return (
    <>
      <PageHeader
        title="Emails"
        description={allClients ? "Win-back emails for every client: review, edit, approve." : "Win-back emails for your clients: review, edit, approve."}
        actions={allClients ? <ActionButton action={sendDueEmailsAction} fields={{}} label="Send due emails now" pendingLabel="Sending…" variant="secondary" /> : null}
      />
      <Card>
        <QueueFiltersForm filters={filters} stylists={stylists.map((s) => ({ id: s.id, name: s.name }))} />
        <p role="status" className="border-b border-stone-100 px-5 py-2 text-sm text-stone-600">
          {formatNumber(count)} {count === 1 ? "email" : "emails"}
          {filters.event ? ` ${filters.event} between ${filters.eventFrom ?? "the start"} and ${filters.eventTo ?? "now"}` : ""}
          {count > QUEUE_LIMIT ? `; ${formatNumber(QUEUE_LIMIT)} a page, newest first${filters.before ? ": these are older ones" : ""}` : ""}
        </p>
        {filters.from && filters.to && daysOutOfOrder(filters.from, filters.to) ? (
          <ReversedDaysNote fromLabel="Drafted from" toLabel="Drafted to" from={filters.from} to={filters.to} swapHref={emailsHref({ ...filters, from: filters.to, to: filters.from, before: undefined })} />
        ) : null}
        {filters.eventFrom && filters.eventTo && daysOutOfOrder(filters.eventFrom, filters.eventTo) ? (
          <ReversedDaysNote fromLabel={`${eventName(filters.event)} from`} toLabel={`${eventName(filters.event)} to`} from={filters.eventFrom} to={filters.eventTo} swapHref={emailsHref({ ...filters, eventFrom: filters.eventTo, eventTo: filters.eventFrom, before: undefined })} />
        ) : null}
        <QueueTable emails={emails} showStylist={allClients} empty={emptyQueueKind(filters)} />
        {olderHref || newestHref ? (
          <nav aria-label="Pages of emails" className="flex items-center justify-between gap-3 border-t border-stone-100 px-5 py-3 text-sm">
            {newestHref ? (
              <Link href={newestHref as Route} className="font-medium text-ember-700 hover:underline">
                ← Newest emails
              </Link>
            ) : (
              <span />
            )}
            {olderHref ? (
              <Link href={olderHref as Route} className="font-medium text-ember-700 hover:underline">
                Older emails →
              </Link>
            ) : null}
          </nav>
        ) : null}
      </Card>
      {/* Emails are signed by the client's stylist, so only a stylist's own signature and voice are ever used. */}
      {allClients ? null : (
        <Card className="mt-6">
          <CardHeader title="Your signature and voice" />
          <EmailProfileForm defaults={profile} />
        </Card>
      )}
    </>
  );
}

/** "Opened" or "Clicked", for the overview's links that filter on an event's days. */
const eventName = (event: QueueFilters["event"]) => (event ? `${event.charAt(0).toUpperCase()}${event.slice(1)}` : "Event");
