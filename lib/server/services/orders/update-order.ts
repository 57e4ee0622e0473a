import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { orderInputSchema } from "@/lib/domain/orders/order-input";
import { writeAudit } from "@/lib/server/audit";
import { authorize } from "@/lib/server/auth/permissions";
import { afterClientOrdersChanged } from "@/lib/server/events/client-changed";
import type { ServiceContext } from "@/lib/server/context";
import { orders } from "@/lib/server/db/schema";
import { parseInput } from "@/lib/server/parse-input";
import { refreshClientOrderSummary } from "@/lib/server/orders/order-summaries";
import { lockOrderInScope } from "./order-rules";

const updateOrderSchema = z.object({ orderId: z.uuid("Unknown order") }).and(orderInputSchema);

export async function updateOrder({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  authorize(ctx.actor, "orders.write");
  const { orderId, ...data } = parseInput(updateOrderSchema, input);
  const result = await ctx.db.transaction(async (tx) => {
    const before = await lockOrderInScope(tx, ctx, orderId);
    const [after] = await tx.update(orders).set(data).where(eq(orders.id, orderId)).returning();
    await refreshClientOrderSummary(tx, before.clientId);
    await writeAudit(tx, ctx.actor, { action: "order.update", entityType: "order", entityId: orderId, before, after });
    return after ?? before;
  });
  await afterClientOrdersChanged(result.clientId, ctx.db);
  return result;
}
