/**
 * The webhook endpoints without Next.js's request pipeline: `npm start` (scripts/serve.ts) hands these
 * POSTs straight to the same handlers the route files in app/api/webhooks wrap, and everything else to
 * Next.js. Taking a delivery through Next.js (router, Request and Response objects, their streams) cost
 * about 0.8 ms of CPU on the 2-core bench machine, twice what storing it in a group costs; at webhook
 * rates that decides the throughput of the whole machine (`npm run bench:ingest`).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { BodyRead, WebhookAnswer, WebhookRequest } from "@/lib/server/http/webhook-http";
import { SERVER_FAULT_MESSAGE } from "@/lib/server/ingest/signed-webhook";
import { receiveClientProfiles, receiveOrders, receiveShopifyWebhook } from "@/lib/server/ingest/webhook-endpoints";

const ROUTES = new Map<string, (request: WebhookRequest) => Promise<WebhookAnswer>>([
  ["/api/webhooks/orders", receiveOrders],
  ["/api/webhooks/clients", receiveClientProfiles],
  ["/api/webhooks/shopify", receiveShopifyWebhook],
]);

/**
 * Reads the body but stops once it passes `maxBytes`, leaving the rest unread; a body announced as too
 * large is not read at all. `overflowed` tells the caller to close the connection rather than read on.
 */
function readCapped(req: IncomingMessage, maxBytes: number, overflowed: () => void): Promise<BodyRead> {
  const declared = Number(req.headers["content-length"] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    overflowed();
    return Promise.resolve({ ok: false, reason: "too_large" });
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      total += chunk.length;
      if (total <= maxBytes) return;
      req.off("data", onData).off("end", onEnd).pause();
      overflowed();
      resolve({ ok: false, reason: "too_large" });
    };
    const onEnd = () => resolve({ ok: true, body: Buffer.concat(chunks, total) });
    req.on("data", onData).on("end", onEnd).on("error", reject);
  });
}

function write(res: ServerResponse, answer: WebhookAnswer, close: boolean) {
  const body = JSON.stringify(answer.body);
  res.writeHead(answer.status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body), ...answer.headers, ...(close ? { Connection: "close" } : {}) });
  res.end(body);
}

async function serve(receive: (request: WebhookRequest) => Promise<WebhookAnswer>, req: IncomingMessage, res: ServerResponse) {
  let close = false;
  try {
    const answer = await receive({
      header: (name) => {
        const value = req.headers[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
      },
      readBody: (maxBytes) => readCapped(req, maxBytes, () => (close = true)),
    });
    write(res, answer, close);
  } catch (error) {
    console.error(`Webhook ${req.url} failed outside its handler`, error);
    if (!res.headersSent) write(res, { status: 500, body: { errors: [{ path: "(server)", message: SERVER_FAULT_MESSAGE }] }, headers: {} }, close);
  }
}

/** Serves the request when it is a webhook delivery and returns true; otherwise leaves it alone and returns false. */
export function serveWebhook(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== "POST") return false;
  const receive = ROUTES.get((req.url ?? "").split("?")[0] ?? "");
  if (!receive) return false;
  void serve(receive, req, res);
  return true;
}
