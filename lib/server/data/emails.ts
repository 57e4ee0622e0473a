import "server-only";
import { and, asc, desc, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { QueueFilters } from "@/lib/domain/email/queue-filters";
import { statesOfQueueStatus } from "@/lib/domain/email/email-figures";
import { IN_FLIGHT_STATES } from "@/lib/domain/email/lifecycle";
import { emailHistory } from "@/lib/domain/email/email-history";
import { authorize, clientScopeWhere } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";
import { auditLog, clientContacts, clients, clientScores, emailTransitions, localMailbox, users, winBackEmails } from "@/lib/server/db/schema";
import { NotFoundError } from "@/lib/server/errors";
import type { Eligibility } from "@/lib/domain/email/eligibility";
import { readSettings } from "@/lib/server/data/settings";
import { eligibilityOf } from "@/lib/server/data/email-eligibility";

export const QUEUE_LIMIT = 200;

/** The review queue: emails of the clients the actor may see, filtered, newest first. */
function statesWhere(status: QueueFilters["status"]): SQL | undefined {
  const states = statesOfQueueStatus(status);
  return states ? inArray(winBackEmails.state, [...states]) : undefined;
}

/** Emails with an event of this type received in the days given (either bound optional). */
function eventWhere(type: "opened" | "clicked", from: string | undefined, to: string | undefined): SQL {
  return sql`exists (select 1 from email_events ev where ev.email_id = ${winBackEmails.id} and ev.type = ${type}
    ${from ? sql`and ev.received_at >= ${from}::date` : sql``} ${to ? sql`and ev.received_at < (${to}::date + 1)` : sql``})`;
}

/** Every filter of the queue as one WHERE clause, the actor's scope first. */
function queueWhere(ctx: ServiceContext, filters: QueueFilters): SQL | undefined {
  return and(
    clientScopeWhere(ctx.actor),
    statesWhere(filters.status),
    filters.stylist === "unassigned" ? isNull(clients.stylistId) : filters.stylist ? eq(clients.stylistId, filters.stylist) : undefined,
    filters.tier === "none" ? isNull(winBackEmails.tier) : filters.tier ? eq(winBackEmails.tier, filters.tier) : undefined,
    filters.from ? sql`${winBackEmails.createdAt} >= ${filters.from}::date` : undefined,
    filters.to ? sql`${winBackEmails.createdAt} < (${filters.to}::date + 1)` : undefined,
    filters.event ? eventWhere(filters.event, filters.eventFrom, filters.eventTo) : undefined,
  );
}

/** How many emails the filters match: the list shows QUEUE_LIMIT of them a page. */
export async function countEmails(ctx: ServiceContext, filters: QueueFilters): Promise<number> {
  authorize(ctx.actor, "emails.write");
  const [row] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(winBackEmails)
    .innerJoin(clients, eq(clients.id, winBackEmails.clientId))
    .where(queueWhere(ctx, filters));
  return row?.n ?? 0;
}

/**
 * A page of the queue: the newest `limit` emails the filters match, or, with `filters.before`, the newest of those
 * drafted before that email (its draft time, then its id, as the list is ordered), so a page never skips or repeats an
 * email when new ones arrive meanwhile. A `before` the actor cannot see (another stylist's, or gone) is ignored: the
 * newest page, rather than an empty one or a hint about someone else's email.
 */
export async function listEmails(ctx: ServiceContext, filters: QueueFilters, limit = QUEUE_LIMIT) {
  authorize(ctx.actor, "emails.write");
  const cursor = filters.before ? await queueCursor(ctx, filters.before) : null;
  const older = cursor ? sql`(${winBackEmails.createdAt}, ${winBackEmails.id}) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)` : undefined;
  return ctx.db
    .select({
      id: winBackEmails.id,
      state: winBackEmails.state,
      subject: winBackEmails.subject,
      tier: winBackEmails.tier,
      writer: winBackEmails.writer,
      origin: winBackEmails.origin,
      scheduledFor: winBackEmails.scheduledFor,
      createdAt: winBackEmails.createdAt,
      updatedAt: winBackEmails.updatedAt,
      clientId: clients.id,
      clientName: clients.name,
      stylistName: users.name,
      contactedSince: contactedSinceReview,
      orderedSince: orderedSinceWritten,
    })
    .from(winBackEmails)
    .innerJoin(clients, eq(clients.id, winBackEmails.clientId))
    .leftJoin(users, eq(users.id, clients.stylistId))
    .where(and(queueWhere(ctx, filters), older))
    .orderBy(desc(winBackEmails.createdAt), desc(winBackEmails.id))
    .limit(limit);
}

/**
 * Since when contact logged with the client is news to the email's reviewer: since it was drafted, or, once approved
 * (scheduled, waiting to go), since its approval, which saw what was logged before it.
 */
const reviewedAt = sql`case when ${winBackEmails.state} in ('approved', 'scheduled') then coalesce(${winBackEmails.approvedAt}, ${winBackEmails.createdAt}) else ${winBackEmails.createdAt} end`;

/**
 * When someone last logged contact with the client (a call, a text, a visit) since the email was drafted or approved
 * (see reviewedAt), if they have: a reviewer should know before a "we miss you" goes to a client just spoken to.
 */
const contactedSinceReview = sql<Date | null>`(select max(cc.contacted_at) from client_contacts cc
  where cc.client_id = ${winBackEmails.clientId} and cc.contacted_at > ${reviewedAt})`.mapWith((value: string | null) => (value === null ? null : new Date(value)));

/**
 * The client's latest order (not cancelled) placed after the email was written, if any: such an email will not be
 * sent (the send's `ordered_since` guard discards it), and its pages say so before anyone waits for it.
 */
const orderedSinceWritten = sql<Date | null>`(select max(o.ordered_at) from orders o
  where o.client_id = ${winBackEmails.clientId} and o.status <> 'cancelled' and o.ordered_at > ${winBackEmails.createdAt})`.mapWith((value: string | null) => (value === null ? null : new Date(value)));

/** Where a page starts: the draft time of an email the actor may see, as text (a Date would drop its microseconds). */
async function queueCursor(ctx: ServiceContext, emailId: string): Promise<{ at: string; id: string } | null> {
  const [row] = await ctx.db
    .select({ at: sql<string>`${winBackEmails.createdAt}::text`, id: winBackEmails.id })
    .from(winBackEmails)
    .innerJoin(clients, eq(clients.id, winBackEmails.clientId))
    .where(and(eq(winBackEmails.id, emailId), clientScopeWhere(ctx.actor)));
  return row ?? null;
}

/** One email with its client and its history (its states and people's edits, see emailHistory), if the actor may see the client. */
export async function getEmailOrThrow(ctx: ServiceContext, emailId: string) {
  authorize(ctx.actor, "emails.write");
  const [row] = await ctx.db
    .select({
      email: winBackEmails,
      clientName: clients.name,
      clientTimezone: clients.timezone,
      tier: clientScores.tier,
      stylistName: users.name,
      signature: users.emailSignature,
      orderedSince: orderedSinceWritten,
    })
    .from(winBackEmails)
    .innerJoin(clients, eq(clients.id, winBackEmails.clientId))
    .leftJoin(clientScores, eq(clientScores.clientId, clients.id))
    .leftJoin(users, eq(users.id, clients.stylistId))
    .where(and(eq(winBackEmails.id, emailId), clientScopeWhere(ctx.actor)))
    .limit(1);
  if (!row) throw new NotFoundError("Email");
  const [transitions, edits, [contactSince]] = await Promise.all([
    ctx.db.select().from(emailTransitions).where(eq(emailTransitions.emailId, emailId)).orderBy(asc(emailTransitions.id)),
    ctx.db
      .select({ id: auditLog.id, at: auditLog.createdAt, actorLabel: auditLog.actorLabel, before: auditLog.before, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "email"), eq(auditLog.entityId, emailId), eq(auditLog.action, "email.edit"))),
    // The latest contact logged since the email was drafted or approved (see contactedSinceReview).
    ctx.db
      .select({ at: clientContacts.contactedAt, channel: clientContacts.channel, note: clientContacts.note, by: users.name })
      .from(clientContacts)
      .innerJoin(winBackEmails, eq(winBackEmails.id, emailId))
      .leftJoin(users, eq(users.id, clientContacts.loggedBy))
      .where(and(eq(clientContacts.clientId, row.email.clientId), sql`${clientContacts.contactedAt} > ${reviewedAt}`))
      .orderBy(desc(clientContacts.contactedAt))
      .limit(1),
  ]);
  return { ...row, history: emailHistory(transitions, edits), contactSince: contactSince ?? null };
}

/** The client's email still on its way, if any (at most one), with any contact logged since it was drafted or approved. */
export async function inFlightEmailFor(ctx: ServiceContext, clientId: string) {
  authorize(ctx.actor, "emails.write");
  const [row] = await ctx.db
    .select({ email: winBackEmails, contactedSince: contactedSinceReview, orderedSince: orderedSinceWritten })
    .from(winBackEmails)
    .innerJoin(clients, eq(clients.id, winBackEmails.clientId))
    .where(and(eq(winBackEmails.clientId, clientId), inArray(winBackEmails.state, [...IN_FLIGHT_STATES]), clientScopeWhere(ctx.actor)))
    .limit(1);
  return row ? { ...row.email, contactedSince: row.contactedSince, orderedSince: row.orderedSince } : null;
}

/**
 * Whether a win-back email may be drafted for the client now: the send's guards (consent, suppression, the holdout,
 * the gap since the last email), so the page says why not before anyone writes one. A win-back already in flight
 * does not count against it: the page shows that email instead. Null for a client outside the actor's scope.
 */
export async function winBackStanding(ctx: ServiceContext, clientId: string, now = new Date()): Promise<Eligibility | null> {
  authorize(ctx.actor, "emails.write");
  const [client] = await ctx.db
    .select({ consent: clients.marketingConsent, address: clients.email })
    .from(clients)
    .where(and(eq(clients.id, clientId), clientScopeWhere(ctx.actor)));
  if (!client) return null;
  const { minDaysBetweenEmails } = await readSettings(ctx.db, "email_policy");
  const [standing] = await eligibilityOf(ctx.db, [{ clientId, ...client }], { minDaysBetweenEmails, now });
  return !standing || standing.eligible || standing.reason === "in_flight" ? { eligible: true } : standing;
}

/** The local mailbox (what would have gone through Resend), newest first. Admins only: it holds sign-in links. */
export async function listMailbox(ctx: ServiceContext) {
  authorize(ctx.actor, "settings.manage");
  return ctx.db
    .select({ id: localMailbox.id, to: localMailbox.to, subject: localMailbox.subject, from: localMailbox.from, createdAt: localMailbox.createdAt })
    .from(localMailbox)
    .orderBy(desc(localMailbox.createdAt))
    .limit(200);
}

export type MailboxItem = Awaited<ReturnType<typeof getMailboxItemOrThrow>>;

export async function getMailboxItemOrThrow(ctx: ServiceContext, id: string) {
  authorize(ctx.actor, "settings.manage");
  const [row] = await ctx.db.select().from(localMailbox).where(eq(localMailbox.id, id)).limit(1);
  if (!row) throw new NotFoundError("Email");
  return row;
}

/** The signed-in person's own signature and voice note. */
export async function emailProfileOf(ctx: ServiceContext & { actor: { type: "user"; id: string } }) {
  const [row] = await ctx.db.select({ emailSignature: users.emailSignature, voiceNote: users.voiceNote }).from(users).where(eq(users.id, ctx.actor.id)).limit(1);
  return row ?? { emailSignature: "", voiceNote: "" };
}
