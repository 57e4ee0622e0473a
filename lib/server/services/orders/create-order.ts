import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { orderInputSchema, orderedAtIn } from "@/lib/domain/orders/order-input";
import { clientTimeZone } from "@/lib/domain/time/format";
import { writeAudit } from "@/lib/server/audit";
import { authorize } from "@/lib/server/auth/permissions";
import { appEvent } from "@/inngest/events";
import { withEvents } from "@/lib/server/events/outbox";
import type { VerbArgs } from "@/lib/server/context";
import { orders } from "@/lib/server/db/schema";
import { lockClientInScope } from "@/lib/server/services/clients/client-rules";
import { parseInput } from "@/lib/server/parse-input";
import { refreshClientOrderSummary } from "@/lib/server/orders/order-summaries";

export const createOrderSchema = z.object({ clientId: z.uuid("Unknown client") }).and(orderInputSchema);

/** Records an order entered by hand in the app (source "manual"). */
export async function createOrder({ ctx, input }: VerbArgs<typeof createOrderSchema>) {
  authorize(ctx.actor, "orders.write");
  const { clientId, ...data } = parseInput(createOrderSchema, input);
  return withEvents(ctx.db, async (tx, emit) => {
    const client = await lockClientInScope(tx, ctx, clientId);
    const orderedAt = orderedAtIn(data.orderedAt, clientTimeZone(client));
    const [created] = await tx
      .insert(orders)
      .values({ ...data, orderedAt, clientId, source: "manual", externalId: randomUUID() })
      .returning();
    if (!created) throw new Error("insert returned no row");
    await refreshClientOrderSummary(tx, clientId);
    await writeAudit(tx, ctx.actor, { action: "order.create", entityType: "order", entityId: created.id, after: created });
    await emit(appEvent("rekindle/client.orders-changed", { clientId: created.clientId }));
    return created;
  });
}
