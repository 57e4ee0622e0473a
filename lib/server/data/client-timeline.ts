import "server-only";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { buildTimeline, TIMELINE_EMAIL_STATES, type TimelineSource } from "@/lib/domain/clients/timeline";
import { authorize, clientScopeWhere } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";
import { auditLog, clients, emailTransitions, outreachAssignments, tierChanges, winBackEmails } from "@/lib/server/db/schema";
import { listOrdersForClient } from "./orders";

/** The most recent of each kind the timeline reads; orders follow listOrdersForClient's own limit. */
const TIMELINE_LIMIT = 100;
const CLIENT_ACTIONS = ["client.create", "client.update", "client.snooze", "client.contact", "client.consent"];

/**
 * A client's orders, tier changes, the actions people took on the client, their entries into win-back outreach and
 * their emails' moments (drafted, approved, sent, and what the mail reported), newest first; nothing for a client
 * outside the actor's scope.
 */
export async function getClientTimeline(ctx: ServiceContext, clientId: string) {
  authorize(ctx.actor, "clients.read");
  const inScope = and(eq(clients.id, clientId), clientScopeWhere(ctx.actor));
  const [orders, changes, actions, entries, emailMoments] = await Promise.all([
    listOrdersForClient(ctx, clientId),
    ctx.db
      .select({ id: tierChanges.id, at: tierChanges.changedAt, fromTier: tierChanges.fromTier, toTier: tierChanges.toTier, score: tierChanges.score })
      .from(tierChanges)
      .innerJoin(clients, eq(clients.id, tierChanges.clientId))
      .where(and(eq(tierChanges.clientId, clientId), inScope))
      .orderBy(desc(tierChanges.changedAt))
      .limit(TIMELINE_LIMIT),
    ctx.db
      .select({ id: auditLog.id, at: auditLog.createdAt, action: auditLog.action, actorLabel: auditLog.actorLabel, after: auditLog.after })
      .from(auditLog)
      // The audit log names entities by text id.
      .innerJoin(clients, sql`${auditLog.entityId} = ${clients.id}::text`)
      .where(and(eq(auditLog.entityType, "client"), eq(auditLog.entityId, clientId), inArray(auditLog.action, CLIENT_ACTIONS), inScope))
      .orderBy(desc(auditLog.createdAt))
      .limit(TIMELINE_LIMIT),
    ctx.db
      .select({ id: outreachAssignments.id, at: outreachAssignments.assignedAt, tier: outreachAssignments.tier, group: outreachAssignments.group })
      .from(outreachAssignments)
      .innerJoin(clients, eq(clients.id, outreachAssignments.clientId))
      .where(and(eq(outreachAssignments.clientId, clientId), inScope))
      .orderBy(desc(outreachAssignments.assignedAt))
      .limit(TIMELINE_LIMIT),
    ctx.db
      .select({ id: emailTransitions.id, at: emailTransitions.at, fromState: emailTransitions.fromState, state: emailTransitions.toState, subject: winBackEmails.subject, actorLabel: emailTransitions.actorLabel, reason: emailTransitions.reason })
      .from(emailTransitions)
      .innerJoin(winBackEmails, eq(winBackEmails.id, emailTransitions.emailId))
      .innerJoin(clients, eq(clients.id, winBackEmails.clientId))
      .where(and(eq(winBackEmails.clientId, clientId), inArray(emailTransitions.toState, [...TIMELINE_EMAIL_STATES]), inScope))
      .orderBy(desc(emailTransitions.at))
      .limit(TIMELINE_LIMIT),
  ]);
  const sources: TimelineSource[] = [
    ...orders.map((o) => ({ kind: "order" as const, at: o.orderedAt, id: o.id, status: o.status, itemsShipped: o.itemsShipped, itemsKept: o.itemsKept, valueCents: o.valueCents, currency: o.currency })),
    ...changes.map((c) => ({ kind: "tier" as const, at: c.at, id: String(c.id), fromTier: c.fromTier, toTier: c.toTier, score: c.score })),
    ...actions.map((a) => ({ kind: "action" as const, at: a.at, id: a.id, action: a.action, actorLabel: a.actorLabel, after: a.after })),
    ...entries.map((e) => ({ kind: "outreach" as const, at: e.at, id: e.id, tier: e.tier, group: e.group })),
    ...emailMoments.map((m) => ({ kind: "email" as const, at: m.at, id: String(m.id), fromState: m.fromState, state: m.state, subject: m.subject, actorLabel: m.actorLabel, reason: m.reason })),
  ];
  return buildTimeline(sources);
}
