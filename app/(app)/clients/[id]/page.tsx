import type { Route } from "next";
import type { Metadata } from "next";
import Link from "next/link";
import { ClientProfile } from "@/components/clients/client-profile";
import { ClientTimeline } from "@/components/clients/client-timeline";
import { OrderForm } from "@/components/clients/order-form";
import { OrderStats } from "@/components/clients/order-stats";
import { OrdersTable } from "@/components/clients/orders-table";
import { DraftWithAi } from "@/components/emails/draft-with-ai";
import { EngagementCard } from "@/components/engagement/engagement-card";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageContext } from "@/lib/server/auth/session";
import { getClientFigures } from "@/lib/server/data/client-figures";
import { getClientOrThrow } from "@/lib/server/data/clients";
import { getClientTimeline } from "@/lib/server/data/client-timeline";
import { can } from "@/lib/domain/access/policy";
import { inFlightEmailFor } from "@/lib/server/data/emails";
import { getClientEngagement } from "@/lib/server/data/engagement";
import { listOrdersForClient } from "@/lib/server/data/orders";
import { getClientOrNotFound } from "@/lib/server/data/page-loaders";
import { contextFor } from "@/lib/server/context";
import { currentActor } from "@/lib/server/auth/session";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const actor = await currentActor();
  if (!actor) return { title: "Client" };
  const client = await getClientOrThrow(contextFor(actor), (await params).id).catch(() => null);
  return { title: client?.name ?? "Client" };
}

const NOTICES: Record<string, string> = { created: "Client created.", saved: "Changes saved.", orderSaved: "Order saved." };

export default async function ClientPage({ params, searchParams }: Props) {
  const ctx = await requirePageContext("clients.read");
  const client = await getClientOrNotFound(ctx, (await params).id);
  const canEmail = can(ctx.actor, "emails.write");
  const [orders, engagement, timeline, email] = await Promise.all([
    listOrdersForClient(ctx, client.id),
    getClientEngagement(ctx, client.id),
    getClientTimeline(ctx, client.id),
    canEmail ? inFlightEmailFor(ctx, client.id) : null,
  ]);
  const { figures, scoreOverTime } = await getClientFigures(ctx, orders, engagement.latest?.modelFitId ?? null);
  const notice = Object.keys(await searchParams).map((k) => NOTICES[k]).find(Boolean);
  const today = new Date().toISOString().slice(0, 10);
  return (
    <>
      <PageHeader
        eyebrow={<Link href="/clients" className="hover:underline">← Clients</Link>}
        title={client.name}
        description={client.email}
        actions={<ButtonLink href={`/clients/${client.id}/edit` as Route} variant="secondary">Edit profile</ButtonLink>}
      />
      {notice ? (
        <p role="status" className="mb-6 rounded-lg bg-emerald-50 px-4 py-2.5 text-sm text-emerald-800 ring-1 ring-emerald-200">
          {notice}
        </p>
      ) : null}
      <div className="space-y-6">
        <OrderStats figures={figures} />
        <EngagementCard engagement={engagement} scoreOverTime={scoreOverTime} tiers={engagement.tiers} />
        {canEmail ? (
          <Card>
            <CardHeader
              title="Win-back email"
              description={client.marketingConsent ? "A personal note, written from this client's history. Review it, edit it, approve it." : "This client has not agreed to marketing email: a draft cannot be sent."}
            />
            <DraftWithAi
              clientId={client.id}
              existing={email ? { id: email.id, state: email.state, subject: email.subject, preheader: email.preheader, body: email.body, callToAction: email.callToAction, writerNote: email.writerNote } : null}
            />
          </Card>
        ) : null}
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
          <div className="min-w-0 space-y-6">
            <Card>
              <CardHeader title="Orders" description="Every fix shipped to this client, newest first." />
              <OrdersTable orders={orders} clientId={client.id} />
            </Card>
            <Card>
              <CardHeader title="Add an order" description="For fixes the order system did not send." />
              <div className="p-5">
                <OrderForm clientId={client.id} defaults={{ orderedAt: today, itemsShipped: "5", itemsKept: "", value: "", status: "shipped" }} />
              </div>
            </Card>
          </div>
          <div className="min-w-0 space-y-6 self-start">
            <Card>
              <CardHeader title="Profile" />
              <ClientProfile client={client} />
            </Card>
            <Card>
              <CardHeader title="Timeline" description="Orders, tier changes and actions, newest first." />
              <ClientTimeline entries={timeline} />
            </Card>
          </div>
        </div>
      </div>
    </>
  );
}
