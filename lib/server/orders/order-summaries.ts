import "server-only";
import { type SQL, sql } from "drizzle-orm";
import type { Executor } from "@/lib/server/db/client";

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
