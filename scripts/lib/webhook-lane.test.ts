import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { orders } from "@/lib/server/db/schema";
import { ingestFollowUpsSettled } from "@/lib/server/events/ingest-events";
import { orderEvent, signedRequest, webhookKey } from "@/test/webhook-requests";
import { appRequestListener } from "./request-listener";

// Rescoring follows each delivery in the background; let it finish before the tables are emptied.
afterEach(() => ingestFollowUpsSettled());

// What scripts/serve.ts does, with a stand-in for Next.js that says it was asked.
const server = http.createServer(appRequestListener((_req, res) => res.writeHead(299, { "X-Served-By": "next" }).end()));
let base = "";
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const PATH = "/api/webhooks/orders";

/** Sends over HTTP exactly what a signed request built for the handler would carry. */
async function post(body: string, key: Awaited<ReturnType<typeof webhookKey>>) {
  const signed = signedRequest(PATH, body, key);
  return fetch(`${base}${PATH}`, { method: "POST", headers: signed.headers, body });
}

/** A raw request whose body goes out in chunks, with no Content-Length, or with the one given. */
function rawPost(headers: Record<string, string | number>, chunks: Buffer[]): Promise<{ status: number; body: string; connection: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${PATH}`, { method: "POST", headers }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, connection: res.headers.connection }));
    });
    req.on("error", (error) => (error.message.includes("EPIPE") || error.message.includes("ECONNRESET") ? undefined : reject(error)));
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe("the webhook lane of `npm start`", () => {
  it("serves a signed delivery with the route handler's answer, and its repeat as a replay", async () => {
    const key = await webhookKey();
    const body = JSON.stringify({ event_id: "evt-lane-1", source: "acme-oms", order: orderEvent() });
    const first = await post(body, key);
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toContain("application/json");
    expect(await first.json()).toMatchObject({ event_id: "evt-lane-1", created: 1 });
    const again = await post(body, key);
    expect(again.headers.get("x-rekindle-replayed")).toBe("true");
    expect(await db.$count(orders)).toBe(1);
  });

  it("answers refusals as the handler does", async () => {
    const response = await fetch(`${base}${PATH}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ errors: [{ path: "Authorization" }] });
  });

  it("leaves every other request to Next.js", async () => {
    for (const [method, path] of [["GET", PATH], ["POST", "/api/webhooks/orders/extra"], ["POST", "/api/health"]]) {
      const response = await fetch(`${base}${path}`, { method });
      expect(response.headers.get("x-served-by")).toBe("next");
    }
  });

  it("413 for a body over the cap, announced or streamed, closing the connection instead of reading the rest", async () => {
    const key = await webhookKey();
    const headers = Object.fromEntries(signedRequest(PATH, "{}", key).headers);
    const announced = await rawPost({ ...headers, "Content-Length": 3 * 1024 * 1024 }, [Buffer.alloc(1024, "x")]);
    expect(announced.status).toBe(413);
    const streamed = await rawPost({ ...headers, "Transfer-Encoding": "chunked" }, Array.from({ length: 48 }, () => Buffer.alloc(64 * 1024, "x")));
    expect(streamed.status).toBe(413);
    expect(streamed.connection).toBe("close");
    expect(await db.$count(orders)).toBe(0);
  });
});
