import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { writeAudit } from "@/lib/server/audit";
import { authorize } from "@/lib/server/auth/permissions";
import { afterClientOrdersChanged } from "@/lib/server/events/client-changed";
import type { ServiceContext } from "@/lib/server/context";
import { orders } from "@/lib/server/db/schema";
import { parseInput } from "@/lib/server/parse-input";
import { refreshClientOrderSummary } from "@/lib/server/orders/order-summaries";
import { lockOrderInScope } from "./order-rules";

const cancelOrderSchema = z.object({ orderId: z.uuid("Unknown order") });

/** Marks an order cancelled; the row stays so history and later imports still line up. Cancelling twice is a no-op. */
export async function cancelOrder({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  authorize(ctx.actor, "orders.write");
  const { orderId } = parseInput(cancelOrderSchema, input);
  const result = await ctx.db.transaction(async (tx) => {
    const before = await lockOrderInScope(tx, ctx, orderId);
    if (before.status === "cancelled") return before;
    const [after] = await tx.update(orders).set({ status: "cancelled" }).where(eq(orders.id, orderId)).returning();
    await refreshClientOrderSummary(tx, before.clientId);
    await writeAudit(tx, ctx.actor, { action: "order.cancel", entityType: "order", entityId: orderId, before, after });
    return after ?? before;
  });
  await afterClientOrdersChanged(result.clientId, ctx.db);
  return result;
}
