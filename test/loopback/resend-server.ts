import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedEmail = { authorization: string | undefined; idempotencyKey: string | undefined; body: { from: string; to: string[] | string; subject: string; html?: string; text?: string; headers?: Record<string, string>; tags?: { name: string; value: string }[] } };

/**
 * A loopback server that answers like Resend's API (POST /emails → 200 {"id": …}; errors as
 * {"statusCode","name","message"}), honouring Idempotency-Key. `failNext` makes the next N calls fail with 500.
 */
export async function startResendLoopback(apiKey: string) {
  const received: ReceivedEmail[] = [];
  const byKey = new Map<string, string>();
  const state = { failNext: 0 };
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      if (req.method !== "POST" || req.url !== "/emails") return reply(404, { statusCode: 404, name: "not_found", message: "Not found" });
      if (req.headers.authorization !== `Bearer ${apiKey}`) return reply(401, { statusCode: 401, name: "missing_api_key", message: "Missing API key in the authorization header." });
      if (state.failNext > 0) {
        state.failNext--;
        return reply(500, { statusCode: 500, name: "internal_server_error", message: "Unexpected error" });
      }
      const key = req.headers["idempotency-key"] as string | undefined;
      const existing = key ? byKey.get(key) : undefined;
      if (existing) return reply(200, { id: existing });
      const id = randomUUID();
      if (key) byKey.set(key, id);
      received.push({ authorization: req.headers.authorization, idempotencyKey: key, body: JSON.parse(raw) });
      reply(200, { id });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, received, state, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
