import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseJsonBody } from "@/lib/domain/ingest/safe-json";
import { db } from "@/lib/server/db/client";
import { clients, orders } from "@/lib/server/db/schema";
import { ingestFollowUpsSettled } from "@/lib/server/events/ingest-events";
import { connectShopify, shopifyDelivery } from "@/test/shopify-requests";
import { orderEvent, signedRequest, webhookKey } from "@/test/webhook-requests";
import { POST as postClients } from "./clients/route";
import { POST as postOrders } from "./orders/route";
import { POST as postShopify } from "./shopify/route";

// Rescoring follows each delivery in the background; let it finish before the tables are emptied.
afterEach(() => ingestFollowUpsSettled());

const LONE = "Ada \ud800";
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every string in a JSON value, by its path as the webhooks name paths (`orders[0].client_name`). */
function stringPaths(value: Json, at = ""): string[] {
  if (typeof value === "string") return [at];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringPaths(v, `${at}[${i}]`));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => stringPaths(v, at ? `${at}.${k}` : k));
  return [];
}

/** A copy of the value with the string at `target` replaced by one holding a lone surrogate. */
function withLone(value: Json, target: string, at = ""): Json {
  if (typeof value === "string") return at === target ? LONE : value;
  if (Array.isArray(value)) return value.map((v, i) => withLone(v, target, `${at}[${i}]`));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withLone(v, target, at ? `${at}.${k}` : k)]));
  return value;
}

type Answer = { status: number; body: { errors?: { path: string; message: string }[] } };

async function expectRefusedByPath(body: Json, send: (text: string) => Promise<Response>) {
  const paths = stringPaths(body);
  expect(paths.length).toBeGreaterThan(3);
  for (const target of paths) {
    // JSON.stringify writes a lone surrogate as the escape \ud800, as any sender's serializer does.
    const response = await send(JSON.stringify(withLone(body, target)));
    const answer: Answer = { status: response.status, body: (await response.json()) as Answer["body"] };
    expect({ target, status: answer.status, path: answer.body.errors?.[0]?.path }).toEqual({ target, status: 400, path: target });
  }
}

describe("a lone UTF-16 surrogate in any string is answered 400 naming the field, never 5xx", () => {
  it("on the orders webhook, single and batch", async () => {
    const key = await webhookKey();
    const send = (text: string) => postOrders(signedRequest("/api/webhooks/orders", text, key));
    await expectRefusedByPath({ event_id: "evt-lone-1", source: "acme-oms", order: orderEvent({ unknown_field: "kept out" }) }, send);
    await expectRefusedByPath({ event_id: "evt-lone-2", source: "acme-oms", orders: [orderEvent(), orderEvent()] }, send);
    expect(await db.$count(orders)).toBe(0);
  });

  it("on the clients webhook", async () => {
    const key = await webhookKey();
    const send = (text: string) => postClients(signedRequest("/api/webhooks/clients", text, key));
    const client = { email: "ada@example.com", name: "Ada", sizes: { top: "M", shoe: "39" }, preferred_styles: ["classic"], budget_band: "100_200", timezone: "Europe/London", notes: "Linen", updated_at: "2026-05-02T09:30:00Z" };
    await expectRefusedByPath({ event_id: "evt-lone-3", client }, send);
    await expectRefusedByPath({ event_id: "evt-lone-4", clients: [client] }, send);
    expect(await db.$count(clients)).toBe(0);
  });

  it("in a key, named with the surrogate replaced", async () => {
    const key = await webhookKey();
    const response = await postOrders(signedRequest("/api/webhooks/orders", `{"event_id":"evt-lone-5","source":"acme","order":{"x\\ud800":1}}`, key));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: [{ path: "order.x\ufffd" }] });
  });

  describe("on Shopify's webhook", () => {
    beforeEach(connectShopify);
    const fixture = (name: string) => {
      const parsed = parseJsonBody(fs.readFileSync(path.join(process.cwd(), "test/fixtures/shopify", name), "utf8"));
      if (!parsed.ok) throw new Error(parsed.message);
      return parsed.value as Json;
    };

    it.each([
      ["orders/create", "orders-create.json"],
      ["orders/updated", "orders-updated.json"],
      ["customers/update", "customers-update.json"],
    ])("%s: every string of Shopify's sample payload", async (topic, file) => {
      await expectRefusedByPath(fixture(file), (text) => postShopify(shopifyDelivery(topic, text)));
      expect(await db.$count(orders)).toBe(0);
    });

    it("accepts a surrogate pair (an emoji) written as escapes: that is valid text", async () => {
      const body = { ...(fixture("customers-update.json") as Record<string, Json>), first_name: "Bob \ud83d\ude00" };
      const response = await postShopify(shopifyDelivery("customers/update", JSON.stringify(body).replace("\ud83d\ude00", "\\ud83d\\ude00")));
      expect(response.status).toBe(200);
    });
  });
});
