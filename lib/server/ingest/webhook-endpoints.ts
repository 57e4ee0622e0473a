import "server-only";
import { clientEventSchema, toIngestClientProfile } from "@/lib/domain/ingest/client-event";
import { envelopeParser } from "@/lib/domain/ingest/envelope";
import { orderEventSchema, toIngestOrder } from "@/lib/domain/ingest/order-event";
import { deliverClientProfiles } from "@/lib/server/services/clients/deliver-client-profiles";
import { deliverOrders } from "@/lib/server/services/orders/deliver-orders";
import type { WebhookRequest } from "@/lib/server/http/webhook-http";
import { receiveSignedWebhook } from "./signed-webhook";

export { receiveShopifyWebhook } from "./shopify-webhook";

const parseOrders = envelopeParser({ single: "order", batch: "orders", item: orderEventSchema, toItem: toIngestOrder, withSource: true });
const parseClients = envelopeParser({ single: "client", batch: "clients", item: clientEventSchema, toItem: toIngestClientProfile, withSource: false });

/** Orders from an order system: one (`order`) or a batch (`orders`), signed with the key's secret. See "Sending orders and client profiles" in README.md. */
export function receiveOrders(request: WebhookRequest) {
  return receiveSignedWebhook(request, {
    endpoint: "orders",
    scope: "orders:write",
    parse: parseOrders,
    deliver: (ctx, meta, parsed) => deliverOrders({ ctx, input: { meta, source: parsed.source ?? "", received: parsed.received, valid: parsed.valid, issues: parsed.issues } }),
  });
}

/** Client profile upserts by email: one (`client`) or a batch (`clients`). See "Sending orders and client profiles" in README.md. */
export function receiveClientProfiles(request: WebhookRequest) {
  return receiveSignedWebhook(request, {
    endpoint: "clients",
    scope: "clients:write",
    parse: parseClients,
    deliver: (ctx, meta, parsed) => deliverClientProfiles({ ctx, input: { meta, received: parsed.received, valid: parsed.valid, issues: parsed.issues } }),
  });
}
