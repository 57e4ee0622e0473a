import "server-only";
import { deriveSigningSecret, hashApiKeyToken } from "@/lib/domain/api-keys/tokens";
import { createRateLimiter } from "@/lib/domain/ingest/token-bucket";
import { env } from "@/lib/env";
import { serverSecret } from "@/lib/server/auth/server-secret";
import { db } from "@/lib/server/db/client";
import type { ApiKey, ApiKeyScope } from "@/lib/server/db/schema";
import { authenticateApiKey } from "@/lib/server/auth/authenticate-api-key";

export type WebhookKey = { id: string; name: string; prefix: string; scope: ApiKeyScope; signingSecret: string };

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

/** One token bucket per sender (API key id, or the shop), in this process's memory. */
export const webhookRateLimiter = createRateLimiter({ ratePerSecond: env.WEBHOOK_RATE_PER_SECOND, burst: env.WEBHOOK_RATE_BURST });
