import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { ServiceContext } from "@/lib/server/context";
import type { Executor } from "@/lib/server/db/client";
import { clients, orders } from "@/lib/server/db/schema";
import { NotFoundError } from "@/lib/server/errors";
import { clientScopeWhere } from "@/lib/server/auth/permissions";

/** Recomputes the client's denormalised order summary from its orders; cancelled orders do not count. */
export async function refreshClientOrderSummary(tx: Executor, clientId: string) {
  // One aggregate over the client's orders (orders_client_ordered_idx). A bare max() subquery would let the
  // planner walk orders_ordered_at_idx backwards over the whole table looking for this client's latest order.
  await tx.execute(sql`
    update ${clients} set last_order_at = summary.last_order_at, order_count = summary.order_count
    from (
      select max(${orders.orderedAt}) as last_order_at, count(*)::int as order_count
      from ${orders} where ${orders.clientId} = ${clientId} and ${orders.status} <> 'cancelled'
    ) as summary
    where ${clients.id} = ${clientId}`);
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
