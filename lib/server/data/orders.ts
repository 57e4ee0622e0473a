import "server-only";
import { and, desc, eq } from "drizzle-orm";
import type { OrderStatusValue } from "@/lib/domain/orders/order-input";
import { authorize, clientScopeWhere } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";
import { clients, orders } from "@/lib/server/db/schema";
import { NotFoundError } from "@/lib/server/errors";

const CLIENT_ORDERS_LIMIT = 200;

/** An order as a client's page lists it. */
export type ClientOrder = {
  id: string;
  orderedAt: Date;
  status: OrderStatusValue;
  itemsShipped: number;
  itemsKept: number;
  valueCents: number;
  currency: string;
  source: string;
};

/** A client's most recent orders, newest first; the join keeps the stylist scope in the query. */
export async function listOrdersForClient(ctx: ServiceContext, clientId: string): Promise<ClientOrder[]> {
  authorize(ctx.actor, "clients.read");
  return ctx.db
    .select({
      id: orders.id,
      orderedAt: orders.orderedAt,
      status: orders.status,
      itemsShipped: orders.itemsShipped,
      itemsKept: orders.itemsKept,
      valueCents: orders.valueCents,
      currency: orders.currency,
      source: orders.source,
    })
    .from(orders)
    .innerJoin(clients, eq(clients.id, orders.clientId))
    .where(and(eq(orders.clientId, clientId), clientScopeWhere(ctx.actor)))
    .orderBy(desc(orders.orderedAt), desc(orders.id))
    .limit(CLIENT_ORDERS_LIMIT);
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
