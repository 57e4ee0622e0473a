import "server-only";
import type { IngestIssue } from "@/lib/domain/ingest/issues";

/** The most a delivery may carry: a full batch of 1,000 orders is well under this. */
export const MAX_WEBHOOK_BODY_BYTES = 2 * 1024 * 1024;

/**
 * A webhook delivery as the handlers see it, whichever server carried it: a Next.js route handler
 * (fetchWebhook) or the lean lane of `npm start` (scripts/lib/webhook-lane.ts).
 */
export type WebhookRequest = { header: (name: string) => string | null; readBody: (maxBytes: number) => Promise<BodyRead> };

/** A webhook's answer, written out as JSON by whichever server carried the request. */
export type WebhookAnswer = { status: number; body: unknown; headers: Record<string, string> };

export function jsonAnswer(status: number, body: unknown, headers: Record<string, string> = {}): WebhookAnswer {
  return { status, body, headers: { "Cache-Control": "no-store", ...headers } };
}

export function errorAnswer(status: number, errors: IngestIssue[], headers: Record<string, string> = {}): WebhookAnswer {
  return jsonAnswer(status, { errors }, headers);
}

export function isJsonContentType(header: string | null): boolean {
  const type = header?.split(";")[0]?.trim().toLowerCase();
  return type === "application/json";
}

export type BodyRead = { ok: true; body: Buffer } | { ok: false; reason: "too_large" };

/**
 * Reads the body but stops at `maxBytes`: a Content-Length above the cap is refused at once, and a body
 * that turns out longer than announced (or that announced nothing) is cut off as soon as it passes it.
 */
async function readBodyCapped(request: Request, maxBytes: number): Promise<BodyRead> {
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) return { ok: false, reason: "too_large" };
  if (!request.body) return { ok: true, body: Buffer.alloc(0) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      return { ok: false, reason: "too_large" };
    }
    chunks.push(value);
  }
  return { ok: true, body: Buffer.concat(chunks, total) };
}

/** A route handler (`POST(request)`) for a webhook. */
export function fetchWebhook(receive: (request: WebhookRequest) => Promise<WebhookAnswer>): (request: Request) => Promise<Response> {
  return async (request) => {
    const answer = await receive({ header: (name) => request.headers.get(name), readBody: (maxBytes) => readBodyCapped(request, maxBytes) });
    return Response.json(answer.body, { status: answer.status, headers: answer.headers });
  };
}
