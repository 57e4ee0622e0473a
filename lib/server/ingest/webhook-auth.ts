import "server-only";
import { deriveSigningSecret, hashApiKeyToken } from "@/lib/domain/api-keys/tokens";
import { createRateLimiter } from "@/lib/domain/ingest/token-bucket";
import { env } from "@/lib/env";
import { serverSecret } from "@/lib/server/auth/server-secret";
import { db } from "@/lib/server/db/client";
import { errorAnswer, type WebhookAnswer } from "@/lib/server/http/webhook-http";
import { createSharedRateLimiter } from "./rate-buckets";
import type { ApiKey, ApiKeyScope } from "@/lib/server/db/schema";
import { authenticateApiKey } from "@/lib/server/auth/authenticate-api-key";

type WebhookKey = { id: string; name: string; prefix: string; scope: ApiKeyScope; signingSecret: string };

/**
 * Keys that authenticated recently, by the hash of their token, so a busy sender costs no database
 * lookup per delivery. The price: a revoked key keeps working in this process for up to KEY_CACHE_MS.
 */
const KEY_CACHE_MS = 10_000;
const keyCache = new Map<string, { key: WebhookKey; expiresAt: number }>();

function toWebhookKey(key: ApiKey): WebhookKey {
  return { id: key.id, name: key.name, prefix: key.prefix, scope: key.scope, signingSecret: deriveSigningSecret(serverSecret(), key.id) };
}

/** The active key behind an `Authorization: Bearer rk_…` header, or null. */
export async function webhookKeyFor(authorization: string | null): Promise<WebhookKey | null> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  if (!token) return null;
  const hash = hashApiKeyToken(token);
  const now = Date.now();
  const cached = keyCache.get(hash);
  if (cached && cached.expiresAt > now) return cached.key;
  const key = await authenticateApiKey(db, token);
  if (!key) {
    keyCache.delete(hash);
    return null;
  }
  const webhookKey = toWebhookKey(key);
  if (keyCache.size > 1000) keyCache.clear();
  keyCache.set(hash, { key: webhookKey, expiresAt: now + KEY_CACHE_MS });
  return webhookKey;
}

export function keyAllows(key: WebhookKey, needed: "orders:write" | "clients:write"): boolean {
  return key.scope === "ingest:all" || key.scope === needed;
}

/**
 * One token bucket per authenticated sender (API key, or the shop), shared by all instances through
 * Postgres. Only a delivery that proved who sent it takes a token, so forgeries cannot use up a sender's.
 */
export const webhookRateLimiter = createSharedRateLimiter({ ratePerSecond: env.WEBHOOK_RATE_PER_SECOND, burst: env.WEBHOOK_RATE_BURST });

/**
 * Failed authentication per caller address (unknown key, bad signature or HMAC), in this instance's
 * memory: cheap, and it stops an address that keeps failing from costing us key look-ups and HMACs of
 * 2 MiB bodies. An address is refused only after WEBHOOK_FAILURE_BURST failures, so a sender that signs
 * correctly is never slowed by forgeries from elsewhere. Per instance: N instances allow N times as many.
 */
export const WEBHOOK_FAILURE_BURST = 30;
const failedAttempts = createRateLimiter({ ratePerSecond: 0.5, burst: WEBHOOK_FAILURE_BURST });

/** The refusal for an address that has failed too often lately, or null. */
export function failedTooOften(address: string): WebhookAnswer | null {
  const decision = failedAttempts.check(address, Date.now());
  if (decision.allowed) return null;
  return errorAnswer(429, [{ path: "(rate)", message: `Too many unauthenticated requests from this address; retry after ${decision.retryAfterSeconds}s.` }], {
    "Retry-After": String(decision.retryAfterSeconds),
  });
}

/** Answers a failed authentication, and counts it against the caller's address. */
export function authenticationFailed(address: string, status: 401 | 403, path: string, message: string): WebhookAnswer {
  failedAttempts.take(address, Date.now());
  return errorAnswer(status, [{ path, message }]);
}

/** The 429 for a sender that has used its bucket. */
export function senderRateLimited(retryAfterSeconds: number, who: string): WebhookAnswer {
  return errorAnswer(429, [{ path: "(rate)", message: `Too many deliveries for this ${who}; retry after ${retryAfterSeconds}s.` }], { "Retry-After": String(retryAfterSeconds) });
}
