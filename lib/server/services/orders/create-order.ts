import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { orderInputSchema } from "@/lib/domain/orders/order-input";
import { writeAudit } from "@/lib/server/audit";
import { authorize } from "@/lib/server/auth/permissions";
import { afterClientOrdersChanged } from "@/lib/server/events/client-changed";
import type { ServiceContext } from "@/lib/server/context";
import { orders } from "@/lib/server/db/schema";
import { lockClientInScope } from "@/lib/server/services/clients/client-rules";
import { parseInput } from "@/lib/server/parse-input";
import { refreshClientOrderSummary } from "@/lib/server/orders/order-summaries";

const createOrderSchema = z.object({ clientId: z.uuid("Unknown client") }).and(orderInputSchema);

/** Records an order entered by hand in the app (source "manual"). */
export async function createOrder({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  authorize(ctx.actor, "orders.write");
  const { clientId, ...data } = parseInput(createOrderSchema, input);
  const result = await ctx.db.transaction(async (tx) => {
    await lockClientInScope(tx, ctx, clientId);
    const [created] = await tx
      .insert(orders)
      .values({ ...data, clientId, source: "manual", externalId: randomUUID() })
      .returning();
    if (!created) throw new Error("insert returned no row");
    await refreshClientOrderSummary(tx, clientId);
    await writeAudit(tx, ctx.actor, { action: "order.create", entityType: "order", entityId: created.id, after: created });
    return created;
  });
  await afterClientOrdersChanged(result.clientId, ctx.db);
  return result;
}
