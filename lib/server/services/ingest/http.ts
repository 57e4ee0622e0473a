import "server-only";
import type { IngestIssue } from "@/lib/domain/ingest/issues";

/** The most a delivery may carry: a full batch of 1,000 orders is well under this. */
export const MAX_WEBHOOK_BODY_BYTES = 2 * 1024 * 1024;

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

export function errorResponse(status: number, errors: IngestIssue[], headers: Record<string, string> = {}): Response {
  return jsonResponse(status, { errors }, headers);
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
export async function readBodyCapped(request: Request, maxBytes: number): Promise<BodyRead> {
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
