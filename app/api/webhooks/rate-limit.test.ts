import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/server/db/client";
import { orders } from "@/lib/server/db/schema";
import { WEBHOOK_FAILURE_BURST } from "@/lib/server/ingest/webhook-auth";
import { updateShopifySettings } from "@/lib/server/services/settings/update-shopify-settings";
import { userContext } from "@/test/fixtures";
import { orderEvent, SHOPIFY_TEST_SECRET, SHOPIFY_TEST_SHOP, shopifyRequest, signedRequest, webhookKey } from "@/test/webhook-requests";
import { POST } from "./orders/route";
import { POST as shopifyPOST } from "./shopify/route";


afterAll(() => {
  vi.unstubAllEnvs();
});

// The limiter reads its rate from lib/env.ts when first loaded, so this file sets a tiny bucket before any import.
vi.hoisted(() => {
  vi.stubEnv("WEBHOOK_RATE_BURST", "3");
  vi.stubEnv("WEBHOOK_RATE_PER_SECOND", "0.2");
});

const PATH = "/api/webhooks/orders";

describe("POST /api/webhooks/orders: rate limit", () => {
  it("429 with Retry-After once a key has used its bucket, while another key is unaffected", async () => {
    const key = await webhookKey();
    const other = await webhookKey("ingest:all", "Another OMS");
    const send = (k = key) => POST(signedRequest(PATH, { event_id: crypto.randomUUID(), source: "acme", order: orderEvent() }, k));
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await send()).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await send();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await limited.json()).toMatchObject({ errors: [{ path: "(rate)", message: expect.stringContaining("retry after") }] });
    expect((await send(other)).status).toBe(200);
    expect(await db.$count(orders)).toBe(4);
  });

  it("forgeries carrying the API key use up nothing of the key's bucket: every correctly signed delivery after them succeeds", async () => {
    const key = await webhookKey();
    const body = () => ({ event_id: crypto.randomUUID(), source: "acme", order: orderEvent() });
    // 200 requests from one address with the key but no valid signature: unsigned, or signed with a guess.
    const forged = [];
    for (let i = 0; i < 200; i++) {
      const options = i % 2 ? { signature: `v1=${"0".repeat(64)}` } : { headers: { "X-Rekindle-Signature": "" } };
      forged.push((await POST(signedRequest(PATH, body(), key, { ...options, headers: { ...options.headers, "X-Forwarded-For": "203.0.113.66" } }))).status);
    }
    expect(forged.slice(0, WEBHOOK_FAILURE_BURST).every((s) => s === 401)).toBe(true);
    // The forging address is then turned away before any work.
    expect(forged.slice(WEBHOOK_FAILURE_BURST).every((s) => s === 429)).toBe(true);

    const real = [];
    for (let i = 0; i < 3; i++) real.push((await POST(signedRequest(PATH, body(), key, { headers: { "X-Forwarded-For": "198.51.100.10" } }))).status);
    expect(real).toEqual([200, 200, 200]);
    expect(await db.$count(orders)).toBe(3);
  });

  it("an address that keeps failing is refused with Retry-After, while other addresses go on", async () => {
    const key = await webhookKey();
    const from = (address: string, options: Record<string, unknown> = {}) =>
      POST(signedRequest(PATH, { event_id: crypto.randomUUID(), source: "acme", order: orderEvent() }, key, { ...options, headers: { "X-Forwarded-For": address } }));
    for (let i = 0; i < WEBHOOK_FAILURE_BURST; i++) expect((await from("203.0.113.67", { token: `rk_00000000_${"a".repeat(43)}` })).status).toBe(401);
    const refused = await from("203.0.113.67");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await refused.json()).toMatchObject({ errors: [{ path: "(rate)", message: expect.stringContaining("unauthenticated") }] });
    expect((await from("198.51.100.11")).status).toBe(200);
  });
});

const orderBody = () => {
  const order = JSON.parse(fs.readFileSync(path.join(process.cwd(), "test/fixtures/shopify/orders-create.json"), "utf8")) as Record<string, unknown>;
  return JSON.stringify({ ...order, id: Math.floor(Math.random() * 1e12) });
};

describe("POST /api/webhooks/shopify: rate limit", () => {
  it("requests naming the shop without the right HMAC take nothing from the shop's bucket", async () => {
    await updateShopifySettings({ ctx: await userContext("admin"), input: { shopDomain: SHOPIFY_TEST_SHOP, webhookSecret: SHOPIFY_TEST_SECRET } });
    for (let i = 0; i < 20; i++) {
      const forged = await shopifyPOST(shopifyRequest("orders/create", orderBody(), { secret: "shpss_guess", headers: { "X-Forwarded-For": "203.0.113.70" } }));
      expect(forged.status).toBe(401);
    }
    const real = [];
    for (let i = 0; i < 3; i++) real.push((await shopifyPOST(shopifyRequest("orders/create", orderBody(), { headers: { "X-Forwarded-For": "198.51.100.20" } }))).status);
    expect(real).toEqual([200, 200, 200]);
    expect(await db.$count(orders)).toBe(3);
    // The shop's own bucket still limits the shop.
    expect((await shopifyPOST(shopifyRequest("orders/create", orderBody(), { headers: { "X-Forwarded-For": "198.51.100.20" } }))).status).toBe(429);
  });
});
