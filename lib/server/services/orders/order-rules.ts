import "server-only";
import { and, eq } from "drizzle-orm";
import { clientScopeWhere } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";
import type { Executor } from "@/lib/server/db/client";
import { clients, orders } from "@/lib/server/db/schema";
import { NotFoundError } from "@/lib/server/errors";

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
