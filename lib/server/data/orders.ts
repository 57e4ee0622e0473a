import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { authorize, clientScopeWhere } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";
import { clients, orders } from "@/lib/server/db/schema";
import { NotFoundError } from "@/lib/server/errors";

export const CLIENT_ORDERS_LIMIT = 200;

/** A client's most recent orders, newest first; the join keeps the stylist scope in the query. */
export async function listOrdersForClient(ctx: ServiceContext, clientId: string) {
  authorize(ctx.actor, "clients.read");
  const rows = await ctx.db
    .select({ order: orders })
    .from(orders)
    .innerJoin(clients, eq(clients.id, orders.clientId))
    .where(and(eq(orders.clientId, clientId), clientScopeWhere(ctx.actor)))
    .orderBy(desc(orders.orderedAt), desc(orders.id))
    .limit(CLIENT_ORDERS_LIMIT);
  return rows.map((r) => r.order);
}

export async function getOrderOrThrow(ctx: ServiceContext, orderId: string) {
  authorize(ctx.actor, "clients.read");
  const [row] = await ctx.db
    .select({ order: orders })
    .from(orders)
    .innerJoin(clients, eq(clients.id, orders.clientId))
    .where(and(eq(orders.id, orderId), clientScopeWhere(ctx.actor)))
    .limit(1);
  if (!row) throw new NotFoundError("Order");
  return row.order;
}
