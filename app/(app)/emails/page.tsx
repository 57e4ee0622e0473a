import type { Metadata } from "next";
import { QueueFiltersForm } from "@/components/emails/queue-filters";
import { QueueTable } from "@/components/emails/queue-table";
import { ActionButton } from "@/components/emails/action-button";
import { EmailProfileForm } from "@/components/emails/email-profile-form";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/domain/access/policy";
import { emptyQueueKind, queueFiltersSchema } from "@/lib/domain/email/queue-filters";
import { requirePageContext } from "@/lib/server/auth/session";
import { countEmails, emailProfileOf, listEmails, QUEUE_LIMIT } from "@/lib/server/data/emails";
import { formatNumber } from "@/components/ui/format";
import { listStylists } from "@/lib/server/data/users";
import { sendDueEmailsAction } from "./actions";

export const metadata: Metadata = { title: "Emails" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function EmailsPage({ searchParams }: Props) {
  const ctx = await requirePageContext("emails.write");
  const filters = queueFiltersSchema.parse(await searchParams);
  const allClients = can(ctx.actor, "emails.review");
  const [emails, count, stylists, profile] = await Promise.all([listEmails(ctx, filters), countEmails(ctx, filters), allClients ? listStylists(ctx) : [], emailProfileOf(ctx)]);
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
          {count > QUEUE_LIMIT ? `; the newest ${formatNumber(QUEUE_LIMIT)} are shown` : ""}
        </p>
        <QueueTable emails={emails} showStylist={allClients} empty={emptyQueueKind(filters)} />
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
