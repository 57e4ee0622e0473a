import type { Route } from "next";
import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { ClientProfile } from "@/components/clients/client-profile";
import { ClientTimeline } from "@/components/clients/client-timeline";
import { OrderForm } from "@/components/clients/order-form";
import { OrderStats } from "@/components/clients/order-stats";
import { OrdersTable } from "@/components/clients/orders-table";
import { ClientDemoControls } from "@/components/demo/client-demo-controls";
import { DraftWithAi } from "@/components/emails/draft-with-ai";
import { LogContactForm } from "@/components/today/log-contact-form";
import { PageNotice } from "@/components/ui/page-notice";
import { logClientContactAction } from "../actions";
import { writesOffline } from "@/lib/server/ai/providers";
import { EngagementCard } from "@/components/engagement/engagement-card";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageContext } from "@/lib/server/auth/session";
import { getClientPicture } from "@/lib/server/data/client-picture";
import { getClientOrThrow } from "@/lib/server/data/clients";
import { getClientTimeline } from "@/lib/server/data/client-timeline";
import { can } from "@/lib/domain/access/policy";
import { inFlightEmailFor, winBackStanding } from "@/lib/server/data/emails";
import { winBackStandingNote } from "@/lib/domain/email/win-back-standing";
import { getClientEngagement } from "@/lib/server/data/engagement";
import { listOrdersForClient } from "@/lib/server/data/orders";
import { getClientOrNotFound } from "@/lib/server/data/page-loaders";
import { contextFor } from "@/lib/server/context";
import { displayTimeZone } from "@/lib/server/http/viewer-time-zone";
import { clientTimeZone, dayInZone, formatTime } from "@/lib/domain/time/format";
import { currentActor } from "@/lib/server/auth/session";
import { activeTierOverrides } from "@/lib/server/data/demo-overrides";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const actor = await currentActor();
  if (!actor) return { title: "Client" };
  const client = await getClientOrThrow(contextFor(actor), (await params).id).catch(() => null);
  return { title: client?.name ?? "Client" };
}

const NOTICES = { created: "Client created.", saved: "Changes saved.", orderSaved: "Order saved." } as const;
const NOTICE_KEYS = Object.keys(NOTICES);
/** `draft=1` comes from "Draft with AI" on Today; a notice's key (`?saved=1`) back from a form. */
const clientPageParams = z.object({ draft: z.literal("1").optional().catch(undefined) });

export default async function ClientPage({ params, searchParams }: Props) {
  const ctx = await requirePageContext("clients.read");
  const client = await getClientOrNotFound(ctx, (await params).id);
  const canEmail = can(ctx.actor, "emails.write");
  const canLogContact = can(ctx.actor, "clients.update");
  const [orders, engagement, timeline, overrides, email, standing] = await Promise.all([
    listOrdersForClient(ctx, client.id),
    // The page's reasons come from its own assessment as of now (getClientPicture), not the stored snapshot's.
    getClientEngagement(ctx, client.id, { reasons: false }),
    getClientTimeline(ctx, client.id),
    activeTierOverrides(ctx, [client.id]),
    canEmail ? inFlightEmailFor(ctx, client.id) : null,
    canEmail ? winBackStanding(ctx, client.id) : null,
  ]);
  const override = overrides.get(client.id) ?? null;
  const now = new Date();
  const [picture, viewerZone] = await Promise.all([getClientPicture(ctx, orders, engagement.latest?.modelFitId ?? null, now), displayTimeZone()]);
  // The client's own days (orders, the next one due) are counted in their timezone; moments in the viewer's.
  const zones = { viewer: viewerZone, client: clientTimeZone(client) };
  const clientZoneNote = zones.client === zones.viewer ? "" : `; days in the client's timezone (${zones.client.replaceAll("_", " ")})`;
  const raw = await searchParams;
  const query = clientPageParams.parse(raw);
  const noticeKey = (Object.keys(NOTICES) as (keyof typeof NOTICES)[]).find((key) => raw[key] !== undefined);
  const notice = noticeKey ? NOTICES[noticeKey] : null;
  // A client no email can reach (no consent, suppressed) can only be called or texted: the win-back card offers that.
  const contactInWinBack = canLogContact && standing !== null && !standing.eligible && (standing.reason === "no_consent" || standing.reason === "suppressed");
  return (
    <>
      <PageHeader
        eyebrow={<Link href="/clients" className="hover:underline">← Clients</Link>}
        title={client.name}
        description={client.email}
        actions={<ButtonLink href={`/clients/${client.id}/edit` as Route} variant="secondary">Edit profile</ButtonLink>}
      />
      {notice ? <PageNotice key={notice} text={notice} keys={NOTICE_KEYS} /> : null}
      <div className="space-y-6">
        <OrderStats figures={picture.figures} now={now} clientZone={zones.client} />
        <EngagementCard picture={picture} stored={engagement.latest} tiers={engagement.tiers} zones={zones} override={override} />
        {canEmail ? (
          <Card id="win-back-email" className="scroll-mt-20 lg:scroll-mt-6">
            <CardHeader
              title="Win-back email"
              description={winBackStandingNote(standing ?? { eligible: true }, (date) => formatTime(date, zones.viewer))}
            />
            {contactInWinBack ? (
              <div className="space-y-2 px-5 py-4">
                <p className="text-sm text-stone-700">Reach them another way, by phone or in person, and log it: Today counts it as contact.</p>
                <LogContactForm clientId={client.id} clientName={client.name} action={logClientContactAction} />
              </div>
            ) : null}
            <DraftWithAi
              clientId={client.id}
              canSend={standing?.eligible ?? false}
              writesOffline={writesOffline()}
              // "Draft with AI" on Today lands here with ?draft=1: the draft starts at once.
              startNow={query.draft === "1" && (standing?.eligible ?? false) && !email}
              existing={
                email
                  ? {
                      id: email.id,
                      state: email.state,
                      origin: email.origin,
                      createdAt: email.createdAt.toISOString(),
                      updatedAt: email.updatedAt.toISOString(),
                      scheduledFor: email.scheduledFor?.toISOString() ?? null,
                      subject: email.subject,
                      preheader: email.preheader,
                      body: email.body,
                      callToAction: email.callToAction,
                      writerNote: email.writerNote,
                      contactedSince: email.contactedSince?.toISOString() ?? null,
                      orderedSince: email.orderedSince?.toISOString() ?? null,
                    }
                  : null
              }
            />
          </Card>
        ) : null}
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
          <div className="min-w-0 space-y-6">
            <Card>
              <CardHeader
                title="Orders"
                description={`Every fix shipped to this client, newest first${clientZoneNote}.`}
              />
              <OrdersTable orders={orders} clientId={client.id} clientZone={zones.client} />
            </Card>
            <Card>
              <CardHeader title="Add an order" description="For fixes the order system did not send." />
              <div className="p-5">
                <OrderForm clientId={client.id} defaults={{ orderedAt: dayInZone(now, zones.client), itemsShipped: "5", itemsKept: "", value: "", status: "shipped" }} />
              </div>
            </Card>
          </div>
          <div className="min-w-0 space-y-6 self-start">
            <Card>
              <CardHeader title="Profile" />
              <ClientProfile client={client} now={now} zone={zones.client} />
            </Card>
            <Card>
              <CardHeader title="Timeline" description={`Orders, tier changes, actions, outreach and emails, newest first${clientZoneNote}.`} />
              {canLogContact && !contactInWinBack ? (
                <div className="border-b border-stone-100 px-5 py-3">
                  <LogContactForm clientId={client.id} clientName={client.name} action={logClientContactAction} />
                </div>
              ) : null}
              <ClientTimeline entries={timeline} zone={zones.client} />
            </Card>
            {/* A client with no orders left has no tier to override, whatever an older snapshot says. */}
            {can(ctx.actor, "demo.control") ? <ClientDemoControls client={client} scored={picture.assessment ? (engagement.latest?.tier ?? null) : null} hasOrders={picture.assessment !== null} override={override} zone={zones.viewer} /> : null}
          </div>
        </div>
      </div>
    </>
  );
}
