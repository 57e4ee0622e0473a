import { shopifyHmac, signWebhookBody } from "@/lib/domain/ingest/signature";
import { createApiKey } from "@/lib/server/services/api-keys/create-api-key";
import { userContext } from "./fixtures";

type TestKey = { id: string; token: string; secret: string };

/** A real API key, made the way an admin makes one, with the signing secret shown at creation. Active keys' names differ. */
export async function webhookKey(scope: "ingest:all" | "orders:write" | "clients:write" = "ingest:all", name = `OMS ${scope}`): Promise<TestKey> {
  const admin = await userContext("admin");
  const key = await createApiKey({ ctx: admin, input: { name, scope } });
  return { id: key.id, token: key.token, secret: key.signingSecret };
}

type RequestOptions = { timestamp?: number; signature?: string; contentType?: string; headers?: Record<string, string>; token?: string | null };

/** A POST signed as docs/ingestion.md tells senders to sign it. */
export function signedRequest(path: string, body: unknown, key: TestKey, options: RequestOptions = {}): Request {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    "Content-Type": options.contentType ?? "application/json",
    "X-Rekindle-Timestamp": String(timestamp),
    "X-Rekindle-Signature": options.signature ?? `v1=${signWebhookBody(key.secret, timestamp, text)}`,
    ...options.headers,
  };
  const token = options.token === undefined ? key.token : options.token;
  if (token) headers.Authorization = `Bearer ${token}`;
  return new Request(`http://localhost${path}`, { method: "POST", headers, body: text });
}

let sequence = 0;

export function orderEvent(overrides: Record<string, unknown> = {}) {
  sequence++;
  return {
    external_id: `A-${sequence}`,
    client_email: `client${sequence}@example.com`,
    client_name: `Client ${sequence}`,
    ordered_at: "2026-05-01T10:00:00Z",
    updated_at: "2026-05-02T10:00:00Z",
    items_shipped: 5,
    items_kept: 2,
    value_cents: 15_000,
    currency: "USD",
    status: "shipped",
    ...overrides,
  };
}

export async function json(response: Response): Promise<Record<string, unknown>> {
  return (await response.json()) as Record<string, unknown>;
}

export const SHOPIFY_TEST_SECRET = "shpss_test_secret_for_rekindle";
export const SHOPIFY_TEST_SHOP = "jsmith.myshopify.com";

/** A webhook as Shopify sends it, signed with `secret` (by default the one the tests configure). */
export function shopifyRequest(topic: string, body: string, options: { secret?: string; webhookId?: string; shop?: string; headers?: Record<string, string> } = {}) {
  return new Request("http://localhost/api/webhooks/shopify", {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Topic": topic,
      "X-Shopify-Hmac-Sha256": shopifyHmac(options.secret ?? SHOPIFY_TEST_SECRET, body),
      "X-Shopify-Shop-Domain": options.shop ?? SHOPIFY_TEST_SHOP,
      "X-Shopify-Webhook-Id": options.webhookId ?? crypto.randomUUID(),
      "X-Shopify-API-Version": "2025-07",
      "X-Shopify-Triggered-At": new Date().toISOString(),
      ...options.headers,
    },
    body,
  });
}
