import "server-only";
import { createHash } from "node:crypto";
import type { DeliveryAnswer } from "@/lib/domain/ingest/delivery-replay";
import type { IngestClientProfile, IngestOrder } from "@/lib/domain/ingest/ingest-types";
import { type IngestIssue, issuesFrom } from "@/lib/domain/ingest/issues";
import { parseJsonBody } from "@/lib/domain/ingest/safe-json";
import { verifyShopifyHmac } from "@/lib/domain/ingest/signature";
import { parseShopifyCustomer } from "@/lib/domain/ingest/shopify-customer";
import { mapShopifyOrder, shopifyOrderSchema } from "@/lib/domain/ingest/shopify-order";
import { clientIp } from "@/lib/server/auth/request-ip";
import { contextFor } from "@/lib/server/context";
import { deliverClientProfiles } from "@/lib/server/services/clients/deliver-client-profiles";
import { deliverOrders } from "@/lib/server/services/orders/deliver-orders";
import { errorAnswer, isJsonContentType, jsonAnswer, MAX_WEBHOOK_BODY_BYTES, type WebhookAnswer, type WebhookRequest } from "@/lib/server/http/webhook-http";
import type { DeliveryMeta } from "./receipts";
import { shopifyConfig } from "./shopify-config";
import { refuseDelivery, SERVER_FAULT_MESSAGE } from "./signed-webhook";
import { authenticationFailed, failedTooOften, senderRateLimited, webhookRateLimiter } from "./webhook-auth";

const SHOPIFY_SENDER = "shopify";
const SHOPIFY_SOURCE = "shopify";
const ORDER_TOPICS = new Set(["orders/create", "orders/updated"]);
const CUSTOMER_TOPICS = new Set(["customers/create", "customers/update"]);

type Mapped = { kind: "order"; order: IngestOrder } | { kind: "profile"; profile: IngestClientProfile } | { kind: "ignored"; reasons: IngestIssue[] } | { kind: "invalid"; issues: IngestIssue[] };

/**
 * A payload Shopify sent in good form but that Rekindle cannot file (an order without an email or
 * without items) is answered 200 and recorded as ignored: a 4xx would only make Shopify retry it for hours.
 */
function mapTopic(topic: string, body: unknown): Mapped {
  if (ORDER_TOPICS.has(topic)) {
    const shape = shopifyOrderSchema.safeParse(body);
    if (!shape.success) return { kind: "invalid", issues: issuesFrom(shape.error) };
    const mapped = mapShopifyOrder(shape.data);
    return mapped.ok ? { kind: "order", order: mapped.order } : { kind: "ignored", reasons: mapped.issues };
  }
  if (CUSTOMER_TOPICS.has(topic)) {
    const parsed = parseShopifyCustomer(body);
    if (!parsed.ok) return { kind: "invalid", issues: parsed.issues };
    return parsed.profile ? { kind: "profile", profile: parsed.profile } : { kind: "ignored", reasons: [{ path: "email", message: "The customer has no email; Rekindle matches clients by email" }] };
  }
  return { kind: "ignored", reasons: [{ path: "X-Shopify-Topic", message: `Rekindle does not use the ${topic || "(missing)"} topic` }] };
}

/**
 * Shopify's webhooks: HMAC of the raw body with the shop's secret, deduplicated by X-Shopify-Webhook-Id.
 * The HMAC is checked before anything else: X-Shopify-Shop-Domain is only the sender's claim, so the shop's
 * rate bucket is charged only once the body proves it came from Shopify.
 */
export async function receiveShopifyWebhook(request: WebhookRequest): Promise<WebhookAnswer> {
  try {
    const address = clientIp(request.header);
    const blocked = failedTooOften(address);
    if (blocked) return blocked;
    const config = await shopifyConfig();
    if (!config.secret) return errorAnswer(401, [{ path: "X-Shopify-Hmac-Sha256", message: "Shopify webhooks are not set up: save the webhook secret under Settings → Webhooks." }]);
    const read = await request.readBody(MAX_WEBHOOK_BODY_BYTES);
    if (!read.ok) return errorAnswer(413, [{ path: "(body)", message: "The body is too large." }]);
    if (!verifyShopifyHmac(config.secret, read.body, request.header("x-shopify-hmac-sha256"))) {
      return authenticationFailed(address, 401, "X-Shopify-Hmac-Sha256", "The HMAC does not match the body with the shop's webhook secret.");
    }
    const shop = request.header("x-shopify-shop-domain")?.toLowerCase() ?? "";
    if (config.shopDomain && shop !== config.shopDomain) return authenticationFailed(address, 401, "X-Shopify-Shop-Domain", `Only ${config.shopDomain} is connected.`);
    const rate = await webhookRateLimiter.take(`shopify:${shop}`);
    if (!rate.allowed) return senderRateLimited(rate.retryAfterSeconds, "shop");
    if (!isJsonContentType(request.header("content-type"))) return errorAnswer(415, [{ path: "Content-Type", message: "Send the body as application/json." }]);

    const topic = request.header("x-shopify-topic") ?? "";
    const webhookId = request.header("x-shopify-webhook-id")?.trim() ?? "";
    const meta: DeliveryMeta = { sender: SHOPIFY_SENDER, apiKeyId: null, endpoint: `shopify:${topic}`, eventId: webhookId || null, bodySha256: createHash("sha256").update(read.body).digest("hex") };
    const refuse = (status: number, body: Record<string, unknown>, outcome: "rejected" | "ignored" = "rejected") => refuseDelivery(meta, status, body, { received: 1, outcome });
    if (!webhookId) return refuse(400, { errors: [{ path: "X-Shopify-Webhook-Id", message: "Missing; it is how repeated deliveries are recognised." }] });
    const json = parseJsonBody(read.body.toString("utf8"));
    if (!json.ok) return refuse(400, { errors: [{ path: json.path, message: json.message }] });

    const mapped = mapTopic(topic, json.value);
    if (mapped.kind === "invalid") return refuse(400, { errors: mapped.issues });
    if (mapped.kind === "ignored") return refuse(200, { event_id: webhookId, status: "ignored", errors: mapped.reasons }, "ignored");

    const ctx = contextFor({ type: "system", name: "webhook:shopify" });
    const delivery = { meta: { ...meta, eventId: webhookId }, received: 1, issues: [] };
    let answer: DeliveryAnswer;
    if (mapped.kind === "order") answer = await deliverOrders({ ctx, input: { ...delivery, source: SHOPIFY_SOURCE, valid: [{ index: 0, value: mapped.order }] } });
    else answer = await deliverClientProfiles({ ctx, input: { ...delivery, valid: [{ index: 0, value: mapped.profile }] } });
    return jsonAnswer(answer.status, answer.body, answer.replayed ? { "X-Rekindle-Replayed": "true" } : {});
  } catch (error) {
    console.error("Shopify webhook failed", error);
    return errorAnswer(500, [{ path: "(server)", message: SERVER_FAULT_MESSAGE }]);
  }
}
