import { envelopeParser } from "@/lib/domain/ingest/envelope";
import { orderEventSchema, toIngestOrder } from "@/lib/domain/ingest/order-event";
import { deliverOrders } from "@/lib/server/services/ingest/deliver";
import { receiveSignedWebhook } from "@/lib/server/services/ingest/signed-webhook";

export const dynamic = "force-dynamic";

const parseOrders = envelopeParser({ single: "order", batch: "orders", item: orderEventSchema, toItem: toIngestOrder, withSource: true });

/** Orders from an order system: one (`order`) or a batch (`orders`), signed with the key's secret. See "Sending orders and client profiles" in README.md. */
export function POST(request: Request) {
  return receiveSignedWebhook(request, {
    endpoint: "orders",
    scope: "orders:write",
    parse: parseOrders,
    deliver: (ctx, meta, parsed) => deliverOrders({ ctx, input: { meta, source: parsed.source ?? "", received: parsed.received, valid: parsed.valid, issues: parsed.issues } }),
  });
}
