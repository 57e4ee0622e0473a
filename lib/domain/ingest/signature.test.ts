import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { shopifyHmac, signWebhookBody, verifyShopifyHmac, verifyWebhookSignature } from "./signature";

const secret = "whsec_test-secret-for-signatures";
const body = Buffer.from('{"event_id":"evt-1","source":"acme","order":{}}');
const now = 1_780_000_000;

function check(overrides: Partial<Parameters<typeof verifyWebhookSignature>[0]> = {}) {
  const timestamp = String(now);
  return verifyWebhookSignature({ signingSecret: secret, timestamp, signature: `v1=${signWebhookBody(secret, timestamp, body)}`, body, nowSeconds: now, ...overrides });
}

describe("webhook signatures", () => {
  it("accepts the signature of the exact timestamp and body", () => {
    expect(check()).toEqual({ ok: true });
  });

  it("refuses a changed body, another secret, or a missing header", () => {
    expect(check({ body: Buffer.from(`${body.toString()} `) }).ok).toBe(false);
    expect(check({ signingSecret: "whsec_other" }).ok).toBe(false);
    expect(check({ signature: null })).toEqual({ ok: false, reason: "Missing X-Rekindle-Signature header." });
    expect(check({ timestamp: null }).ok).toBe(false);
    expect(check({ signature: "sha256=abc" }).ok).toBe(false);
    expect(check({ signature: "v1=zz" }).ok).toBe(false);
  });

  it("refuses a timestamp outside the 5-minute window either way, and accepts one just inside", () => {
    expect(check({ nowSeconds: now + 301 }).ok).toBe(false);
    expect(check({ nowSeconds: now - 301 }).ok).toBe(false);
    expect(check({ nowSeconds: now + 300 }).ok).toBe(true);
    expect(check({ timestamp: "1780000000000" }).ok).toBe(false); // milliseconds, not seconds
  });

  it("accepts any one of several v1 signatures, for secret rotation", () => {
    const good = signWebhookBody(secret, now, body);
    expect(check({ signature: `v1=${"0".repeat(64)}, v1=${good}` }).ok).toBe(true);
  });

  it("matches what `openssl dgst -sha256 -hmac` prints, as the docs show", () => {
    const openssl = spawnSync("openssl", ["dgst", "-sha256", "-hmac", secret], { input: Buffer.concat([Buffer.from(`${now}.`), body]) });
    if (openssl.status !== 0) return; // openssl not installed here
    const hex = openssl.stdout.toString().trim().split(" ").at(-1);
    expect(hex).toBe(signWebhookBody(secret, now, body));
  });
});

describe("Shopify HMAC", () => {
  it("is the base64 HMAC-SHA256 of the raw body with the shop secret", () => {
    const header = shopifyHmac("shpss_secret", body);
    expect(header).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(verifyShopifyHmac("shpss_secret", body, header)).toBe(true);
    expect(verifyShopifyHmac("shpss_other", body, header)).toBe(false);
    expect(verifyShopifyHmac("shpss_secret", body, null)).toBe(false);
    expect(verifyShopifyHmac("shpss_secret", body, "bm90IGl0")).toBe(false);
  });
});
