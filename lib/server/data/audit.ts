import "server-only";
import { type AnyColumn, and, desc, eq, ilike, lt, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { AuditQuery } from "@/lib/domain/audit/audit-query";
import { authorize } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";
import { apiKeys, auditLog, clients, orders, users } from "@/lib/server/db/schema";

export const AUDIT_PAGE_SIZE = 50;

const subjectUser = alias(users, "subject_user");
const actorUser = alias(users, "actor_user");
const orderClient = alias(clients, "order_client");

/** Who or what an entry is about, by name: the user, the client (an order's client for orders), the key. */
const subjectName = sql<string | null>`coalesce(${subjectUser.name}, ${clients.name}, ${orderClient.name}, ${apiKeys.name})`;
const idText = (column: AnyColumn) => sql`${column}::text`;

/**
 * A page of the audit log, newest first, filtered by actor, action and subject name, with each entry's
 * subject named. Keyset paging on (created_at, id): `before` is the last entry of the previous page.
 */
export async function listAuditEntries(ctx: ServiceContext, query: AuditQuery = {}) {
  authorize(ctx.actor, "audit.view");
  const rows = await ctx.db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      // The actor's current name; the stored label ("name <email>", or a system job) when the user is gone.
      actorLabel: sql<string>`coalesce(${actorUser.name}, ${auditLog.actorLabel})`,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      before: auditLog.before,
      after: auditLog.after,
      createdAt: auditLog.createdAt,
      subjectName,
      subjectClientId: sql<string | null>`coalesce(${idText(clients.id)}, ${idText(orderClient.id)})`,
    })
    .from(auditLog)
    .leftJoin(actorUser, eq(actorUser.id, auditLog.actorId))
    .leftJoin(subjectUser, and(eq(auditLog.entityType, "user"), eq(auditLog.entityId, idText(subjectUser.id))))
    .leftJoin(clients, and(eq(auditLog.entityType, "client"), eq(auditLog.entityId, idText(clients.id))))
    .leftJoin(orders, and(eq(auditLog.entityType, "order"), eq(auditLog.entityId, idText(orders.id))))
    .leftJoin(orderClient, eq(orderClient.id, orders.clientId))
    .leftJoin(apiKeys, and(eq(auditLog.entityType, "api_key"), eq(auditLog.entityId, idText(apiKeys.id))))
    .where(
      and(
        query.actor ? eq(auditLog.actorId, query.actor) : undefined,
        query.action ? eq(auditLog.action, query.action) : undefined,
        query.subject ? ilike(subjectName, `%${query.subject.replaceAll(/[%_\\]/g, "\\$&")}%`) : undefined,
        query.before ? or(lt(auditLog.createdAt, query.before.at), and(eq(auditLog.createdAt, query.before.at), lt(auditLog.id, query.before.id))) : undefined,
      ),
    )
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE + 1);
  return { entries: rows.slice(0, AUDIT_PAGE_SIZE), hasMore: rows.length > AUDIT_PAGE_SIZE };
}

/** The people who appear in the log as actors, for the filter. */
export async function listAuditActors(ctx: ServiceContext) {
  authorize(ctx.actor, "audit.view");
  return ctx.db.select({ id: users.id, name: users.name }).from(users).orderBy(users.name);
}
