import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { auditLog, clients, orders, webhookReceipts } from "@/lib/server/db/schema";
import { ingestFollowUpsSettled } from "@/lib/server/events/ingest-events";
import { updateShopifySettings } from "@/lib/server/services/settings/update-shopify-settings";
import { userContext } from "@/test/fixtures";
import { SHOPIFY_TEST_SECRET as SECRET, SHOPIFY_TEST_SHOP as SHOP, shopifyRequest } from "@/test/webhook-requests";
import { POST } from "./route";

// Rescoring follows each delivery in the background; let it finish before the tables are emptied.
afterEach(() => ingestFollowUpsSettled());

const fixture = (name: string) => fs.readFileSync(path.join(process.cwd(), "test/fixtures/shopify", name), "utf8");

beforeEach(async () => {
  await updateShopifySettings({ ctx: await userContext("admin"), input: { shopDomain: SHOP, webhookSecret: SECRET } });
});

describe("POST /api/webhooks/shopify", () => {
  it("accepts Shopify's orders/create example with a valid HMAC, filing the cancelled order under its email", async () => {
    const response = await POST(shopifyRequest("orders/create", fixture("orders-create.json")));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ created: 1, results: [{ id: "820982911946154508", outcome: "created" }] });
    const [order] = await db.select().from(orders);
    expect(order).toMatchObject({ source: "shopify", externalId: "820982911946154508", itemsShipped: 5, itemsKept: 0, valueCents: 0, status: "cancelled" });
    const [client] = await db.select().from(clients);
    expect(client).toMatchObject({ email: "jon@example.com", name: "John Smith", orderCount: 0 });
  });

  it("applies orders/updated with a refund: kept items and value drop, the order counts again", async () => {
    await POST(shopifyRequest("orders/create", fixture("orders-create.json")));
    const response = await POST(shopifyRequest("orders/updated", fixture("orders-updated.json")));
    expect(await response.json()).toMatchObject({ updated: 1 });
    const [order] = await db.select().from(orders);
    expect(order).toMatchObject({ itemsShipped: 5, itemsKept: 4, valueCents: 24_596, status: "shipped" });
    expect((await db.select().from(clients))[0]?.orderCount).toBe(1);
    // An older version arriving late changes nothing.
    expect(await (await POST(shopifyRequest("orders/updated", fixture("orders-create.json")))).json()).toMatchObject({ unchanged: 1 });
    expect((await db.select().from(orders))[0]?.status).toBe("shipped");
  });

  it("401 before any other check: a wrong HMAC with a wrong Content-Type records no receipt", async () => {
    const response = await POST(shopifyRequest("orders/create", fixture("orders-create.json"), { secret: "shpss_wrong", headers: { "Content-Type": "text/plain" } }));
    expect(response.status).toBe(401);
    expect(await db.$count(webhookReceipts)).toBe(0);
  });

  it("401 for a wrong HMAC, another shop, or no secret configured", async () => {
    const body = fixture("orders-create.json");
    expect((await POST(shopifyRequest("orders/create", body, { secret: "shpss_wrong" }))).status).toBe(401);
    const tampered = shopifyRequest("orders/create", body);
    expect((await POST(new Request(tampered.url, { method: "POST", headers: tampered.headers, body: body.replace("jon@example.com", "eve@example.com") }))).status).toBe(401);
    expect((await POST(shopifyRequest("orders/create", body, { shop: "other.myshopify.com" }))).status).toBe(401);
    await updateShopifySettings({ ctx: await userContext("admin"), input: { shopDomain: "", clearSecret: "on" } });
    const unset = await POST(shopifyRequest("orders/create", body));
    expect(unset.status).toBe(401);
    expect(await unset.json()).toMatchObject({ errors: [{ message: expect.stringContaining("not set up") }] });
    expect(await db.$count(orders)).toBe(0);
  });

  it("deduplicates by X-Shopify-Webhook-Id", async () => {
    const body = fixture("orders-create.json");
    const first = await POST(shopifyRequest("orders/create", body, { webhookId: "b54557e4-8a5f" }));
    const again = await POST(shopifyRequest("orders/create", body, { webhookId: "b54557e4-8a5f" }));
    expect(again.headers.get("x-rekindle-replayed")).toBe("true");
    expect(await again.json()).toEqual(await first.json());
    expect(await db.$count(webhookReceipts)).toBe(1);
  });

  it("updates the client's name and marketing consent from customers/update", async () => {
    const response = await POST(shopifyRequest("customers/update", fixture("customers-update.json")));
    expect(await response.json()).toMatchObject({ created: 1 });
    const [client] = await db.select().from(clients).where(eq(clients.email, "bob@biller.com"));
    expect(client).toMatchObject({ name: "Bob Biller", marketingConsent: true, notes: "" });
  });

  it("answers 200 but stores nothing for topics it does not use and orders it cannot file, recording why", async () => {
    expect((await POST(shopifyRequest("products/update", "{}"))).status).toBe(200);
    const noEmail = JSON.parse(fixture("orders-create.json").replace(/"(email|contact_email)": "[^"]+"/g, '"$1": null')) as Record<string, unknown>;
    noEmail.customer = null;
    const response = await POST(shopifyRequest("orders/create", JSON.stringify(noEmail)));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ignored", errors: [{ path: "email" }] });
    expect(await db.$count(orders)).toBe(0);
    expect((await db.select().from(webhookReceipts)).map((r) => r.outcome)).toEqual(["ignored", "ignored"]);
  });

  it("400 with paths for a payload that is not a Shopify order", async () => {
    const response = await POST(shopifyRequest("orders/create", JSON.stringify({ id: 1, line_items: "none" })));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: expect.arrayContaining([{ path: "line_items", message: expect.any(String) }]) });
  });

  it("never writes the secret to the audit log", async () => {
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.action, "settings.shopify.update"));
    expect(JSON.stringify(entry)).not.toContain(SECRET);
    expect(entry?.after).toMatchObject({ webhookSecret: "(set)", secretChanged: true });
  });
});
