import "server-only";
import { apiKeyWebhookActor } from "@/lib/domain/access/actor-name";
import { createHash } from "node:crypto";
import type { DeliveryAnswer } from "@/lib/domain/ingest/delivery-replay";
import type { EnvelopeResult } from "@/lib/domain/ingest/envelope";
import { parseJsonBody } from "@/lib/domain/ingest/safe-json";
import { verifyWebhookSignature } from "@/lib/domain/ingest/signature";
import { clientIp } from "@/lib/server/auth/request-ip";
import { db } from "@/lib/server/db/client";
import { contextFor, type ServiceContext } from "@/lib/server/context";
import { errorAnswer, isJsonContentType, jsonAnswer, MAX_WEBHOOK_BODY_BYTES, type WebhookAnswer, type WebhookRequest } from "@/lib/server/http/webhook-http";
import { type DeliveryMeta, recordRefusedDelivery } from "./receipts";
import { authenticationFailed, failedTooOften, keyAllows, senderRateLimited, webhookKeyFor, webhookRateLimiter } from "./webhook-auth";

type Spec<T> = {
  endpoint: "orders" | "clients";
  scope: "orders:write" | "clients:write";
  parse: (body: unknown) => EnvelopeResult<T>;
  deliver: (ctx: ServiceContext, meta: DeliveryMeta & { eventId: string }, parsed: Extract<EnvelopeResult<T>, { ok: true }>) => Promise<DeliveryAnswer>;
};

export const SERVER_FAULT_MESSAGE = "Something went wrong on our side and nothing was stored. Retry the same delivery (same event_id); it is safe.";

/**
 * Answers a delivery that stores nothing and records it as a receipt, so the integrator sees it on the
 * webhooks page. Failing to record it must not turn a clear 4xx into a 5xx.
 */
export async function refuseDelivery(
  meta: DeliveryMeta,
  status: number,
  body: Record<string, unknown>,
  options: { received?: number; outcome?: "rejected" | "ignored" } = {},
): Promise<WebhookAnswer> {
  await recordRefusedDelivery(db, meta, { status, body, ...options }).catch((error) => console.error(`Could not record a refused ${meta.endpoint} delivery`, error));
  return jsonAnswer(status, body);
}

/**
 * Our own webhook, step by step: who sends it (API key, then the signature over the body) before anything
 * else, then scope, the sender's rate, content type and payload, then the delivery itself. Nothing is
 * recorded and no sender's token is taken until the signature holds; failures count against the caller's
 * address instead. Each refusal names what was wrong; only an unexpected fault answers 5xx.
 */
export async function receiveSignedWebhook<T>(request: WebhookRequest, spec: Spec<T>): Promise<WebhookAnswer> {
  try {
    const address = clientIp(request.header);
    const blocked = failedTooOften(address);
    if (blocked) return blocked;
    const key = await webhookKeyFor(request.header("authorization"));
    if (!key) return authenticationFailed(address, 401, "Authorization", "Send an active API key as `Authorization: Bearer rk_…`; this one is missing, unknown or revoked.");
    const read = await request.readBody(MAX_WEBHOOK_BODY_BYTES);
    if (!read.ok) return errorAnswer(413, [{ path: "(body)", message: `The body is larger than ${MAX_WEBHOOK_BODY_BYTES / 1024 / 1024} MiB; send smaller batches (at most 1,000 items).` }]);
    const signature = verifyWebhookSignature({
      signingSecret: key.signingSecret,
      timestamp: request.header("x-rekindle-timestamp"),
      signature: request.header("x-rekindle-signature"),
      body: read.body,
      nowSeconds: Math.floor(Date.now() / 1000),
    });
    if (!signature.ok) return authenticationFailed(address, 401, "X-Rekindle-Signature", signature.reason);

    if (!keyAllows(key, spec.scope)) return errorAnswer(403, [{ path: "Authorization", message: `This key's scope does not include ${spec.scope}.` }]);
    const rate = await webhookRateLimiter.take(`key:${key.id}`);
    if (!rate.allowed) return senderRateLimited(rate.retryAfterSeconds, "key");
    const meta: DeliveryMeta = { sender: key.id, apiKeyId: key.id, endpoint: spec.endpoint, eventId: null, bodySha256: null };
    if (!isJsonContentType(request.header("content-type"))) {
      return refuseDelivery(meta, 415, { errors: [{ path: "Content-Type", message: "Send the body as application/json." }] });
    }

    meta.bodySha256 = createHash("sha256").update(read.body).digest("hex");
    const json = parseJsonBody(read.body.toString("utf8"));
    if (!json.ok) return refuseDelivery(meta, 400, { errors: [{ path: json.path, message: json.message }] });
    const parsed = spec.parse(json.value);
    meta.eventId = parsed.eventId;
    if (!parsed.ok) return refuseDelivery(meta, 400, { event_id: parsed.eventId, errors: parsed.issues }, { received: parsed.received });

    const ctx = contextFor({ type: "system", name: apiKeyWebhookActor(key.name) });
    const answer = await spec.deliver(ctx, { ...meta, eventId: parsed.eventId }, parsed);
    return jsonAnswer(answer.status, answer.body, answer.replayed ? { "X-Rekindle-Replayed": "true" } : {});
  } catch (error) {
    console.error(`Webhook ${spec.endpoint} failed`, error);
    return errorAnswer(500, [{ path: "(server)", message: SERVER_FAULT_MESSAGE }]);
  }
}
