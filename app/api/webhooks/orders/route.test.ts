import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { clientScores, clients, engineEvents, orders, webhookReceipts } from "@/lib/server/db/schema";
import { revokeApiKey } from "@/lib/server/services/api-keys/revoke-api-key";
import { userContext } from "@/test/fixtures";
import { drainEngine, serveInngestForEachTest } from "@/test/inngest-engine";
import { json, orderEvent, signedRequest, webhookKey } from "@/test/webhook-requests";
import { clientsWithStaleScores } from "@/lib/server/data/engagement-sweep";
import { POST } from "./route";

serveInngestForEachTest();


const PATH = "/api/webhooks/orders";
let events = 0;
const delivery = (body: Record<string, unknown>) => ({ event_id: `evt-${++events}`, source: "acme-oms", ...body });

async function clientByEmail(email: string) {
  const [row] = await db.select().from(clients).where(eq(clients.email, email));
  return row;
}

describe("POST /api/webhooks/orders: storing", () => {
  it("stores a signed order, creating its client from the payload's name, and keeps the client's summary in step", async () => {
    const key = await webhookKey();
    const order = orderEvent({ client_email: "ada@example.com", client_name: "Ada Lovelace" });
    const response = await POST(signedRequest(PATH, delivery({ order }), key));
    expect(response.status).toBe(200);
    const body = await json(response);
    expect(body).toMatchObject({ status: "accepted", received: 1, created: 1, rejected: 0, results: [{ index: 0, id: order.external_id, outcome: "created" }], errors: [] });
    const client = await clientByEmail("ada@example.com");
    expect(client).toMatchObject({ name: "Ada Lovelace", orderCount: 1, lastOrderAt: new Date("2026-05-01T10:00:00Z") });
    const [stored] = await db.select().from(orders).where(eq(orders.externalId, order.external_id));
    expect(stored).toMatchObject({ source: "acme-oms", clientId: client?.id, itemsKept: 2, valueCents: 15_000, status: "shipped", sourceUpdatedAt: new Date("2026-05-02T10:00:00Z") });
    // After the commit, the rescore-client function rescores the client (run here by the embedded engine).
    await drainEngine();
    const [score] = await db.select().from(clientScores).where(eq(clientScores.clientId, client?.id ?? ""));
    expect(score?.scoredAt).toBeInstanceOf(Date);
  });

  it("files an order under an existing client whatever the email's case, without renaming them", async () => {
    const key = await webhookKey();
    await POST(signedRequest(PATH, delivery({ order: orderEvent({ client_email: "Sam@Example.com", client_name: "Sam" }) }), key));
    await POST(signedRequest(PATH, delivery({ order: orderEvent({ client_email: "sam@example.COM", client_name: "Samuel" }) }), key));
    const all = await db.select().from(clients);
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ name: "Sam", orderCount: 2 });
  });

  it("stores the valid orders of a batch and names each invalid field of the others", async () => {
    const key = await webhookKey();
    const batch = [orderEvent(), orderEvent({ value_cents: -1 }), orderEvent(), orderEvent({ items_kept: 9, client_email: "nope" })];
    const response = await POST(signedRequest(PATH, delivery({ orders: batch }), key));
    expect(response.status).toBe(200);
    const body = await json(response);
    expect(body).toMatchObject({ status: "partial", received: 4, created: 2, rejected: 2 });
    expect(body.errors).toEqual([
      { path: "orders[1].value_cents", message: "Cannot be negative" },
      { path: "orders[3].client_email", message: "Not a valid email address" },
      { path: "orders[3].items_kept", message: "Cannot keep more items than were shipped" },
    ]);
    expect((body.results as { outcome: string }[]).map((r) => r.outcome)).toEqual(["created", "rejected", "created", "rejected"]);
    expect(await db.$count(orders)).toBe(2);
  });

  it("ignores an update older than the stored version, and applies a newer one", async () => {
    const key = await webhookKey();
    const original = orderEvent({ updated_at: "2026-05-10T00:00:00Z", items_kept: 2 });
    await POST(signedRequest(PATH, delivery({ order: original }), key));
    const stale = await json(await POST(signedRequest(PATH, delivery({ order: { ...original, updated_at: "2026-05-09T00:00:00Z", items_kept: 5 } }), key)));
    expect(stale).toMatchObject({ unchanged: 1, results: [{ outcome: "unchanged" }] });
    const newer = await json(await POST(signedRequest(PATH, delivery({ order: { ...original, updated_at: "2026-05-11T00:00:00Z", items_kept: 4, status: "cancelled" } }), key)));
    expect(newer).toMatchObject({ updated: 1 });
    const [stored] = await db.select().from(orders);
    expect(stored).toMatchObject({ itemsKept: 4, status: "cancelled", sourceUpdatedAt: new Date("2026-05-11T00:00:00Z") });
    expect(await clientByEmail(original.client_email)).toMatchObject({ orderCount: 0, lastOrderAt: null });
  });

  it("answers a newer version that changes nothing Rekindle keeps as unchanged: its version moves on, and nobody is rescored", async () => {
    const key = await webhookKey();
    const original = orderEvent({ updated_at: "2026-05-10T00:00:00Z", items_kept: 2 });
    await POST(signedRequest(PATH, delivery({ order: original }), key));
    await drainEngine();
    const changesBefore = await db.$count(engineEvents, sql`name = 'rekindle/client.orders-changed'`);

    const resent = await json(await POST(signedRequest(PATH, delivery({ order: { ...original, updated_at: "2026-05-12T00:00:00Z" } }), key)));
    expect(resent).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    await drainEngine();
    expect(await db.$count(engineEvents, sql`name = 'rekindle/client.orders-changed'`)).toBe(changesBefore);
    expect((await db.select().from(orders))[0]?.sourceUpdatedAt).toEqual(new Date("2026-05-12T00:00:00Z"));
    // Nor does the nightly sweep take the row for a change: its own change time stayed.
    expect(await clientsWithStaleScores(db, 10)).toEqual([]);

    // The version it carried still counts: a change dated between the two is older than what is held.
    const between = await json(await POST(signedRequest(PATH, delivery({ order: { ...original, updated_at: "2026-05-11T00:00:00Z", items_kept: 5 } }), key)));
    expect(between).toMatchObject({ unchanged: 1 });
    expect((await db.select().from(orders))[0]?.itemsKept).toBe(2);
  });

  it("within one batch keeps the newest version of an order sent twice", async () => {
    const key = await webhookKey();
    const order = orderEvent();
    const body = await json(await POST(signedRequest(PATH, delivery({ orders: [{ ...order, items_kept: 1, updated_at: "2026-05-03T00:00:00Z" }, { ...order, items_kept: 3 }] }), key)));
    expect(body).toMatchObject({ created: 1, unchanged: 1 });
    expect((await db.select().from(orders))[0]?.itemsKept).toBe(1);
  });

  it("moves an order to another client when its email changes, recounting both", async () => {
    const key = await webhookKey();
    const order = orderEvent({ client_email: "first@example.com" });
    await POST(signedRequest(PATH, delivery({ order }), key));
    await POST(signedRequest(PATH, delivery({ order: { ...order, client_email: "second@example.com", updated_at: "2026-05-05T00:00:00Z" } }), key));
    expect(await clientByEmail("first@example.com")).toMatchObject({ orderCount: 0, lastOrderAt: null });
    expect(await clientByEmail("second@example.com")).toMatchObject({ orderCount: 1 });
  });
});

describe("POST /api/webhooks/orders: idempotency", () => {
  it("answers the same delivery sent 5 times with the original result and stores the order once", async () => {
    const key = await webhookKey();
    const body = JSON.stringify(delivery({ order: orderEvent() }));
    const responses = [];
    for (let i = 0; i < 5; i++) responses.push(await POST(signedRequest(PATH, body, key)));
    const bodies = await Promise.all(responses.map((r) => r.json()));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(responses.map((r) => r.headers.get("x-rekindle-replayed"))).toEqual([null, "true", "true", "true", "true"]);
    for (const b of bodies) expect(b).toEqual(bodies[0]);
    expect(bodies[0]).toMatchObject({ created: 1 });
    expect(await db.$count(orders)).toBe(1);
    expect(await db.$count(webhookReceipts)).toBe(1);
  });

  it("treats the same order in two batches as one order", async () => {
    const key = await webhookKey();
    const order = orderEvent();
    await POST(signedRequest(PATH, delivery({ orders: [order, orderEvent()] }), key));
    const second = await json(await POST(signedRequest(PATH, delivery({ orders: [orderEvent(), order] }), key)));
    expect((second.results as { outcome: string }[]).map((r) => r.outcome)).toEqual(["created", "unchanged"]);
    expect(await db.$count(orders)).toBe(3);
    expect(await db.$count(orders, eq(orders.externalId, order.external_id))).toBe(1);
  });

  it("ends 20 concurrent copies of one delivery as one order, all answered alike", async () => {
    const key = await webhookKey();
    const body = JSON.stringify(delivery({ order: orderEvent({ client_email: "rush@example.com" }) }));
    const responses = await Promise.all(Array.from({ length: 20 }, () => POST(signedRequest(PATH, body, key))));
    const bodies = await Promise.all(responses.map((r) => r.json()));
    expect(new Set(responses.map((r) => r.status))).toEqual(new Set([200]));
    for (const b of bodies) expect(b).toEqual(bodies[0]);
    expect(await db.$count(orders)).toBe(1);
    expect(await db.$count(clients)).toBe(1);
    expect(await clientByEmail("rush@example.com")).toMatchObject({ orderCount: 1 });
  });

  it("ends 20 concurrent deliveries of one new order under different event ids as one order and one client", async () => {
    const key = await webhookKey();
    const order = orderEvent({ client_email: "crowd@example.com" });
    const responses = await Promise.all(Array.from({ length: 20 }, () => POST(signedRequest(PATH, delivery({ orders: [order, orderEvent({ client_email: "crowd@example.com" })] }), key))));
    expect(new Set(responses.map((r) => r.status))).toEqual(new Set([200]));
    expect(await db.$count(orders, eq(orders.externalId, order.external_id))).toBe(1);
    expect(await db.$count(clients)).toBe(1);
    expect(await clientByEmail("crowd@example.com")).toMatchObject({ orderCount: 21 });
  });

  it("refuses an event id reused for a different body with 409", async () => {
    const key = await webhookKey();
    await POST(signedRequest(PATH, { event_id: "evt-reused", source: "acme", order: orderEvent() }, key));
    const response = await POST(signedRequest(PATH, { event_id: "evt-reused", source: "acme", order: orderEvent() }, key));
    expect(response.status).toBe(409);
    expect(await json(response)).toMatchObject({ errors: [{ path: "event_id" }] });
    expect(await db.$count(orders)).toBe(1);
  });

  it("lets a rejected delivery be sent again, fixed, under the same event id", async () => {
    const key = await webhookKey();
    const bad = await POST(signedRequest(PATH, { event_id: "evt-fix", source: "acme", order: orderEvent({ value_cents: "12" }) }, key));
    expect(bad.status).toBe(400);
    const good = await POST(signedRequest(PATH, { event_id: "evt-fix", source: "acme", order: orderEvent() }, key));
    expect(good.status).toBe(200);
    expect(await db.$count(orders)).toBe(1);
  });
});

describe("POST /api/webhooks/orders: refusals", () => {
  it("401: no key, an unknown key, a revoked key", async () => {
    const key = await webhookKey();
    const body = delivery({ order: orderEvent() });
    expect((await POST(signedRequest(PATH, body, key, { token: null }))).status).toBe(401);
    expect((await POST(signedRequest(PATH, body, key, { token: `rk_00000000_${"a".repeat(43)}` }))).status).toBe(401);
    const admin = await userContext("admin");
    const revoked = await webhookKey("ingest:all", "Retired OMS");
    await revokeApiKey({ ctx: admin, input: { apiKeyId: revoked.id } });
    const response = await POST(signedRequest(PATH, body, revoked));
    expect(response.status).toBe(401);
    expect(await json(response)).toMatchObject({ errors: [{ path: "Authorization" }] });
    expect(await db.$count(orders)).toBe(0);
  });

  it("401: a missing, wrong or tampered signature, and timestamps outside the 5-minute window", async () => {
    const key = await webhookKey();
    const body = JSON.stringify(delivery({ order: orderEvent() }));
    const now = Math.floor(Date.now() / 1000);
    const cases = [
      signedRequest(PATH, body, key, { signature: "" }),
      signedRequest(PATH, body, { ...key, secret: "whsec_wrong" }),
      signedRequest(PATH, body, key, { signature: `v1=${"0".repeat(64)}` }),
      new Request(`http://localhost${PATH}`, { method: "POST", headers: Object.fromEntries(signedRequest(PATH, body, key).headers), body: body.replace("acme-oms", "evil-oms") }),
      signedRequest(PATH, body, key, { timestamp: now - 6 * 60 }),
      signedRequest(PATH, body, key, { timestamp: now + 6 * 60 }),
    ];
    for (const request of cases) {
      const response = await POST(request);
      expect(response.status).toBe(401);
      expect(await json(response)).toMatchObject({ errors: [{ path: "X-Rekindle-Signature" }] });
    }
    expect((await POST(signedRequest(PATH, body, key, { timestamp: now - 4 * 60 }))).status).toBe(200);
    expect(await db.$count(orders)).toBe(1);
  });

  it("403: a key whose scope is client profiles only", async () => {
    const key = await webhookKey("clients:write");
    expect((await POST(signedRequest(PATH, delivery({ order: orderEvent() }), key))).status).toBe(403);
  });

  it("400: bad JSON, a bad envelope, or no valid order, each recorded with its errors", async () => {
    const key = await webhookKey();
    const badJson = await POST(signedRequest(PATH, '{"event_id": "x",', key));
    expect(badJson.status).toBe(400);
    expect(await json(badJson)).toMatchObject({ errors: [{ path: "(body)", message: expect.stringContaining("not valid JSON") }] });
    const noEvent = await json(await POST(signedRequest(PATH, { source: "acme", order: orderEvent() }, key)));
    expect(noEvent.errors).toEqual([{ path: "event_id", message: "Give every delivery an event_id, and reuse it when you retry" }]);
    const allBad = await POST(signedRequest(PATH, delivery({ orders: [orderEvent({ ordered_at: "yesterday" })] }), key));
    expect(allBad.status).toBe(400);
    expect(await json(allBad)).toMatchObject({ errors: [{ path: "orders[0].ordered_at" }] });
    const receipts = await db.select().from(webhookReceipts);
    expect(receipts.map((r) => [r.httpStatus, r.outcome, r.replayable])).toEqual([
      [400, "rejected", false],
      [400, "rejected", false],
      [400, "rejected", false],
    ]);
  });

  it("413: a body over the cap, whether announced by Content-Length or only streamed", async () => {
    const key = await webhookKey();
    const huge = JSON.stringify(delivery({ orders: [orderEvent({ client_name: "x".repeat(3 * 1024 * 1024) })] }));
    const announced = signedRequest(PATH, huge, key, { headers: { "Content-Length": String(Buffer.byteLength(huge)) } });
    expect(announced.headers.get("content-length")).toBe(String(Buffer.byteLength(huge)));
    expect((await POST(announced)).status).toBe(413);
    const headers = Object.fromEntries(signedRequest(PATH, huge, key).headers);
    delete headers["content-length"];
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ > 64) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const streamed = await POST(new Request(`http://localhost${PATH}`, { method: "POST", headers, body: stream, duplex: "half" } as RequestInit));
    expect(streamed.status).toBe(413);
    expect(sent).toBeLessThan(40); // stopped reading soon after the cap
  });

  it("401 before any other check: a bad signature with a wrong Content-Type, or an oversized body, records no receipt", async () => {
    const key = await webhookKey();
    const response = await POST(signedRequest(PATH, delivery({ order: orderEvent() }), key, { contentType: "text/plain", signature: `v1=${"0".repeat(64)}` }));
    expect(response.status).toBe(401);
    expect(await json(response)).toMatchObject({ errors: [{ path: "X-Rekindle-Signature" }] });
    const huge = JSON.stringify(delivery({ orders: [orderEvent({ client_name: "x".repeat(3 * 1024 * 1024) })] }));
    expect((await POST(signedRequest(PATH, huge, key, { contentType: "text/plain", headers: { "Content-Length": String(Buffer.byteLength(huge)) } }))).status).toBe(413);
    expect(await db.$count(webhookReceipts)).toBe(0);
  });

  it("415: a body that is not sent as application/json", async () => {
    const key = await webhookKey();
    const response = await POST(signedRequest(PATH, delivery({ order: orderEvent() }), key, { contentType: "text/plain" }));
    expect(response.status).toBe(415);
    expect(await json(response)).toEqual({ errors: [{ path: "Content-Type", message: "Send the body as application/json." }] });
  });
});
