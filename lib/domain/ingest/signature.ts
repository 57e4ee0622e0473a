import { createHmac, timingSafeEqual } from "node:crypto";

/** How far a signed timestamp may be from our clock, either way, before the delivery is refused as a replay. */
const REPLAY_WINDOW_SECONDS = 5 * 60;

type SignatureCheck = { ok: true } | { ok: false; reason: string };

/** Hex HMAC-SHA256 of `<timestamp>.<raw body>` with the key's signing secret: the `v1=` value a sender sends. */
export function signWebhookBody(signingSecret: string, timestamp: string | number, body: string | Uint8Array): string {
  return createHmac("sha256", signingSecret).update(`${timestamp}.`).update(body).digest("hex");
}

/**
 * Checks `X-Rekindle-Timestamp` and `X-Rekindle-Signature` against the raw body. The signature header may
 * carry several comma-separated `v1=` values (while a sender rotates secrets); any one matching is enough.
 */
export function verifyWebhookSignature(input: {
  signingSecret: string;
  timestamp: string | null;
  signature: string | null;
  body: Uint8Array;
  nowSeconds: number;
  toleranceSeconds?: number;
}): SignatureCheck {
  const { timestamp, signature } = input;
  if (!timestamp) return { ok: false, reason: "Missing X-Rekindle-Timestamp header." };
  if (!signature) return { ok: false, reason: "Missing X-Rekindle-Signature header." };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: "X-Rekindle-Timestamp must be Unix time in seconds." };
  const skew = Math.abs(input.nowSeconds - Number(timestamp));
  if (skew > (input.toleranceSeconds ?? REPLAY_WINDOW_SECONDS)) {
    return { ok: false, reason: "The timestamp is more than 5 minutes from our clock; sign each delivery when you send it." };
  }
  const expected = Buffer.from(signWebhookBody(input.signingSecret, timestamp, input.body), "hex");
  const candidates = signature
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part.startsWith("v1="))
    .map((part) => part.slice(3));
  if (candidates.length === 0) return { ok: false, reason: "X-Rekindle-Signature must look like v1=<hex digest>." };
  const matches = candidates.some((hex) => {
    if (!/^[0-9a-f]{64}$/i.test(hex)) return false;
    return timingSafeEqual(Buffer.from(hex, "hex"), expected);
  });
  return matches ? { ok: true } : { ok: false, reason: "The signature does not match the body; sign the exact bytes you send." };
}

/** Shopify's scheme: base64 HMAC-SHA256 of the raw body with the shop's webhook secret, in X-Shopify-Hmac-Sha256. */
export function shopifyHmac(secret: string, body: string | Uint8Array): string {
  return createHmac("sha256", secret).update(body).digest("base64");
}

export function verifyShopifyHmac(secret: string, body: Uint8Array, header: string | null): boolean {
  if (!header) return false;
  const given = Buffer.from(header.trim(), "base64");
  const expected = Buffer.from(shopifyHmac(secret, body), "base64");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
