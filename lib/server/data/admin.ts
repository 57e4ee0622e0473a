import "server-only";
import { asc, desc, eq, sql } from "drizzle-orm";
import { authorize } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";
import { apiKeys, clients, users } from "@/lib/server/db/schema";

export async function listUsersWithClientCounts(ctx: ServiceContext) {
  authorize(ctx.actor, "users.manage");
  return ctx.db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      deactivatedAt: users.deactivatedAt,
      hasPassword: sql<boolean>`${users.passwordHash} is not null`,
      // Qualified by hand: inside the subquery an unqualified "id" would mean clients.id.
      clientCount: sql<number>`(select count(*)::int from ${clients} where ${clients.stylistId} = "users"."id")`,
    })
    .from(users)
    .orderBy(sql`${users.deactivatedAt} is not null`, asc(users.role), asc(users.name));
}

export async function listApiKeys(ctx: ServiceContext) {
  authorize(ctx.actor, "apiKeys.manage");
  return ctx.db
    .select({ id: apiKeys.id, name: apiKeys.name, scope: apiKeys.scope, prefix: apiKeys.prefix, createdAt: apiKeys.createdAt, lastUsedAt: apiKeys.lastUsedAt, revokedAt: apiKeys.revokedAt, createdBy: users.name })
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .orderBy(sql`${apiKeys.revokedAt} is not null`, desc(apiKeys.createdAt));
}


