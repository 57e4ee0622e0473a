import "server-only";
import type { DeliveryAnswer } from "@/lib/domain/ingest/delivery-replay";
import { authorize } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";
import { type OrderDelivery, orderCommitter } from "@/lib/server/ingest/delivery-committers";

/** Orders from a sender, keyed by (source, external id); unknown client emails become minimal clients. */
export async function deliverOrders({ ctx, input }: { ctx: ServiceContext; input: OrderDelivery }): Promise<DeliveryAnswer> {
  authorize(ctx.actor, "orders.write");
  return orderCommitter(ctx.db)({ actor: ctx.actor, delivery: input });
}
