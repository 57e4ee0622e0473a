import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * An API key looks like `rk_3f9a2c1d_<43 url-safe characters>`. The part up to the second underscore
 * is public (it finds the row); only a SHA-256 of the whole key is stored.
 */
type NewApiKeyToken = { token: string; prefix: string; secretHash: string };

export function generateApiKeyToken(): NewApiKeyToken {
  const prefix = `rk_${randomBytes(4).toString("hex")}`;
  const token = `${prefix}_${randomBytes(32).toString("base64url")}`;
  return { token, prefix, secretHash: hashApiKeyToken(token) };
}

export function hashApiKeyToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function apiKeyPrefix(token: string): string | null {
  const match = /^(rk_[0-9a-f]{8})_[A-Za-z0-9_-]{43}$/.exec(token);
  return match?.[1] ?? null;
}

export function apiKeyMatches(token: string, secretHash: string): boolean {
  const a = Buffer.from(hashApiKeyToken(token), "hex");
  const b = Buffer.from(secretHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The secret a sender signs webhook bodies with. Derived from the server secret and the key id, so it
 * is never stored and can be shown again only by re-deriving it at creation time.
 */
export function deriveSigningSecret(serverSecret: string, apiKeyId: string): string {
  return `whsec_${createHmac("sha256", serverSecret).update(`rekindle-webhook-signing:${apiKeyId}`).digest("base64url")}`;
}
