import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { orderInputSchema, orderedAtIn } from "@/lib/domain/orders/order-input";
import { clientTimeZone } from "@/lib/domain/time/format";
import { writeAudit } from "@/lib/server/audit";
import { authorize } from "@/lib/server/auth/permissions";
import { appEvent } from "@/inngest/events";
import { withEvents } from "@/lib/server/events/outbox";
import type { VerbArgs } from "@/lib/server/context";
import { clients, orders } from "@/lib/server/db/schema";
import { parseInput } from "@/lib/server/parse-input";
import { refreshClientOrderSummary } from "@/lib/server/orders/order-summaries";
import { lockOrderInScope } from "./order-rules";

export const updateOrderSchema = z.object({ orderId: z.uuid("Unknown order") }).and(orderInputSchema);

export async function updateOrder({ ctx, input }: VerbArgs<typeof updateOrderSchema>) {
  authorize(ctx.actor, "orders.write");
  const { orderId, ...data } = parseInput(updateOrderSchema, input);
  return withEvents(ctx.db, async (tx, emit) => {
    const before = await lockOrderInScope(tx, ctx, orderId);
    const [client] = await tx.select({ timezone: clients.timezone }).from(clients).where(eq(clients.id, before.clientId));
    const orderedAt = orderedAtIn(data.orderedAt, clientTimeZone(client), new Date(), before.orderedAt);
    const [after] = await tx.update(orders).set({ ...data, orderedAt }).where(eq(orders.id, orderId)).returning();
    await refreshClientOrderSummary(tx, before.clientId);
    await writeAudit(tx, ctx.actor, { action: "order.update", entityType: "order", entityId: orderId, before, after });
    await emit(appEvent("rekindle/client.orders-changed", { clientId: before.clientId }));
    return after ?? before;
  });
}
