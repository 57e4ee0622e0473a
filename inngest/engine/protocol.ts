import "server-only";
import canonicalize from "canonicalize";
import { createHmac } from "node:crypto";
import { z } from "zod";

/**
 * The HTTP side of Inngest's SDK specification that an Inngest server speaks: the call request it sends
 * to an app's serve endpoint, its signature, and the answers the SDK gives (200 with the function's
 * output, 206 with step opcodes, 4xx/5xx with an error and X-Inngest-No-Retry).
 */
type CallRequest = {
  event: Record<string, unknown>;
  events: Record<string, unknown>[];
  steps: Record<string, unknown>;
  ctx: {
    run_id: string;
    attempt: number;
    max_attempts: number;
    disable_immediate_execution: boolean;
    use_api: false;
    stack: { stack: string[]; current: number };
  };
};

export const opSchema = z.object({
  id: z.string(),
  op: z.string(),
  name: z.string().optional(),
  displayName: z.string().optional(),
  opts: z.record(z.string(), z.unknown()).optional().nullable(),
  data: z.unknown().optional(),
  error: z.unknown().optional(),
});
export type Op = z.output<typeof opSchema>;

export type CallOutcome =
  | { kind: "done"; output: unknown }
  | { kind: "ops"; ops: Op[]; noRetry: boolean; retryAfter: string | null }
  | { kind: "error"; error: SerializedError; noRetry: boolean; retryAfter: string | null };

export type SerializedError = { name: string; message: string; stack?: string };

/** `X-Inngest-Signature`: t=<unix seconds>&s=<hex HMAC-SHA256 of the body then the timestamp, keyed by the signing key without its prefix>. */
export function signBody(body: string, signingKey: string, now: Date): string {
  const t = Math.floor(now.getTime() / 1000).toString();
  const key = signingKey.replace(/^signkey-\w+-/, "");
  return `t=${t}&s=${createHmac("sha256", key).update(body).update(t).digest("hex")}`;
}

export function toSerializedError(value: unknown, fallback: string): SerializedError {
  const parsed = z.object({ name: z.string().optional(), message: z.string().optional(), stack: z.string().optional(), error: z.string().optional() }).safeParse(value);
  if (parsed.success) {
    const { name, message, stack, error } = parsed.data;
    return { name: name ?? "Error", message: message ?? error ?? fallback, ...(stack ? { stack } : {}) };
  }
  return { name: "Error", message: typeof value === "string" && value ? value.slice(0, 2000) : fallback };
}

/**
 * One call request to the function at `url` (the step URL it registered, with `stepId` set when the engine
 * asks for a planned step). The body is sent canonicalised (RFC 8785), the form the SDK verifies.
 */
export async function callFunction(url: string, stepId: string | null, request: CallRequest, signingKey: string, now: Date, timeoutMs: number): Promise<CallOutcome> {
  const target = new URL(url);
  if (stepId) target.searchParams.set("stepId", stepId);
  const body = canonicalize(request) ?? "{}";
  let response: Response;
  try {
    response = await fetch(target, {
      method: "POST",
      body,
      headers: { "Content-Type": "application/json", "X-Inngest-Signature": signBody(body, signingKey, now), "X-Inngest-Server-Kind": "cloud", "X-Inngest-Req-Version": "2" },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    return { kind: "error", error: { name: "CallFailed", message: `Could not reach ${target.pathname}: ${error instanceof Error ? error.message : String(error)}` }, noRetry: false, retryAfter: null };
  }
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  const noRetry = response.headers.get("x-inngest-no-retry") === "true";
  const retryAfter = response.headers.get("retry-after");
  if (response.status === 200) return { kind: "done", output: json };
  if (response.status === 206) {
    const ops = z.array(opSchema).safeParse(Array.isArray(json) ? json : [json]);
    if (ops.success) return { kind: "ops", ops: ops.data, noRetry, retryAfter };
    return { kind: "error", error: { name: "ProtocolError", message: "The SDK answered 206 without step opcodes" }, noRetry: false, retryAfter: null };
  }
  return { kind: "error", error: toSerializedError(json, `HTTP ${response.status}`), noRetry: response.status === 401 ? false : noRetry, retryAfter };
}
