import "server-only";
import { and, eq, type SQL, sql } from "drizzle-orm";
import type { ServiceContext } from "@/lib/server/context";
import type { Executor } from "@/lib/server/db/client";
import { clients, orders } from "@/lib/server/db/schema";
import { NotFoundError } from "@/lib/server/errors";
import { clientScopeWhere } from "@/lib/server/auth/permissions";

/**
 * Recomputes last order date and order count for the clients matching `which` (a condition on `t`),
 * from their orders; cancelled ones do not count. Rows already right are not rewritten, which spares
 * every index on clients an update when a repeat changed nothing. Both figures come from one
 * aggregate over the client's orders: a lone max() lets the planner walk the global ordered_at index.
 */
export function refreshSummariesStatement(which: SQL): SQL {
  return sql`
    update clients c set last_order_at = s.last_order_at, order_count = s.order_count
    from (
      select t.id, agg.last_order_at, agg.order_count
      from clients t
      cross join lateral (
        select max(o.ordered_at) as last_order_at, count(*)::int as order_count
        from orders o where o.client_id = t.id and o.status <> 'cancelled'
      ) agg
      where ${which}
    ) s
    where c.id = s.id and (c.last_order_at, c.order_count) is distinct from (s.last_order_at, s.order_count)
  `;
}

/** Recomputes one client's denormalised order summary (see refreshSummariesStatement). */
export async function refreshClientOrderSummary(tx: Executor, clientId: string) {
  await tx.execute(refreshSummariesStatement(sql`t.id = ${clientId}::uuid`));
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
