import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { ServiceContext } from "@/lib/server/context";
import type { Executor } from "@/lib/server/db/client";
import { clients, orders } from "@/lib/server/db/schema";
import { NotFoundError } from "@/lib/server/errors";
import { clientScopeWhere } from "@/lib/server/auth/permissions";

/** Recomputes the client's denormalised order summary from its orders; cancelled orders do not count. */
export async function refreshClientOrderSummary(tx: Executor, clientId: string) {
  await tx
    .update(clients)
    .set({
      lastOrderAt: sql`(select max(${orders.orderedAt}) from ${orders} where ${orders.clientId} = ${clientId} and ${orders.status} <> 'cancelled')`,
      orderCount: sql`(select count(*)::int from ${orders} where ${orders.clientId} = ${clientId} and ${orders.status} <> 'cancelled')`,
    })
    .where(eq(clients.id, clientId));
}

/** Loads an order whose client the actor may change, locked for the transaction. */
export async function lockOrderInScope(tx: Executor, ctx: ServiceContext, orderId: string) {
  const [row] = await tx
    .select({ order: orders })
    .from(orders)
    .innerJoin(clients, eq(clients.id, orders.clientId))
    .where(and(eq(orders.id, orderId), clientScopeWhere(ctx.actor)))
    .for("update", { of: orders })
    .limit(1);
  if (!row) throw new NotFoundError("Order");
  return row.order;
}
