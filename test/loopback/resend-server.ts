import { createHash, randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

type ResendEmailBody = { from: string; to: string[] | string; subject: string; html?: string; text?: string; headers?: Record<string, string>; tags?: { name: string; value: string }[]; attachments?: unknown; scheduled_at?: string };
/** One email Resend accepted (so a recipient would get it), from POST /emails or as a member of POST /emails/batch. */
type ReceivedEmail = { authorization: string | undefined; idempotencyKey: string | undefined; endpoint: "/emails" | "/emails/batch"; body: ResendEmailBody };
/** Every call that reached the server, answered or not. */
type ReceivedCall = { endpoint: string; idempotencyKey: string | undefined; emails: number; status: number | "hung" };

/**
 * What the next calls do before the normal answer. `failNext` calls fail with `failStatus` (500 or 429) and deliver
 * nothing; `acceptThenFailNext` calls deliver, then answer 500 (a response lost on the way back: only the idempotency
 * key keeps the retry from delivering twice); `hangNext` calls never answer (the client's timeout ends them).
 */
type ResendFaults = { failNext: number; failStatus: 429 | 500; acceptThenFailNext: number; hangNext: number };

const BATCH_LIMIT = 100;

const ADDRESS = /^(?:[^<>]*<)?[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>?$/;

/** Why Resend would refuse this email, or null: the required fields, and each recipient a valid address. */
function problemOf(email: ResendEmailBody | undefined): string | null {
  if (!email || typeof email.from !== "string" || !email.to || typeof email.subject !== "string") return "from, to and subject are required.";
  const recipients = Array.isArray(email.to) ? email.to : [email.to];
  const bad = recipients.find((to) => typeof to !== "string" || !ADDRESS.test(to));
  return bad === undefined ? null : `Invalid \`to\` field. The email address needs to follow the \`email@example.com\` or \`Name <email@example.com>\` format.`;
}

/**
 * A loopback server that answers like Resend's API: POST /emails → 200 {"id"}, POST /emails/batch (1 to 100 emails,
 * no attachments or scheduled_at; strict validation refuses the batch for one invalid email, `x-batch-validation:
 * permissive` sends the rest) → 200 {"data":[{"id"},…]} (permissive adds "errors":[{"index","message"}]), errors as {"statusCode","name",
 * "message"}. An Idempotency-Key answers a repeat with the first response and delivers nothing again; the same key with
 * another payload is 409 invalid_idempotent_request, as Resend does. Faults on command (see ResendFaults).
 */
export async function startResendLoopback(apiKey: string) {
  const received: ReceivedEmail[] = [];
  const calls: ReceivedCall[] = [];
  const byKey = new Map<string, { fingerprint: string; response: unknown }>();
  const state: ResendFaults = { failNext: 0, failStatus: 500, acceptThenFailNext: 0, hangNext: 0 };
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      const endpoint = req.url ?? "";
      const key = req.headers["idempotency-key"] as string | undefined;
      const call: ReceivedCall = { endpoint, idempotencyKey: key, emails: 0, status: 200 };
      calls.push(call);
      const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        call.status = status;
        res.writeHead(status, { "content-type": "application/json", ...headers });
        res.end(JSON.stringify(body));
      };
      const error = (status: number, name: string, message: string) => reply(status, { statusCode: status, name, message }, status === 429 ? { "retry-after": "1" } : {});
      if (req.method !== "POST" || (endpoint !== "/emails" && endpoint !== "/emails/batch")) return error(404, "not_found", "Not found");
      if (req.headers.authorization !== `Bearer ${apiKey}`) return error(401, "missing_api_key", "Missing API key in the authorization header.");
      if (state.hangNext > 0) {
        state.hangNext--;
        call.status = "hung";
        hanging.add(res);
        res.on("close", () => hanging.delete(res));
        return;
      }
      if (state.failNext > 0) {
        state.failNext--;
        return state.failStatus === 429 ? error(429, "rate_limit_exceeded", "Too many requests. You can only make 2 requests per second.") : error(500, "internal_server_error", "Unexpected error");
      }
      let payload: unknown;
      try {
        payload = JSON.parse(raw);
      } catch {
        return error(422, "validation_error", "Invalid JSON body.");
      }
      const emails = endpoint === "/emails" ? [payload as ResendEmailBody] : (payload as ResendEmailBody[]);
      if (endpoint === "/emails/batch") {
        if (!Array.isArray(payload) || payload.length === 0 || payload.length > BATCH_LIMIT) return error(422, "validation_error", `A batch holds 1 to ${BATCH_LIMIT} emails.`);
        const unsupported = emails.findIndex((e) => e.attachments !== undefined || e.scheduled_at !== undefined);
        if (unsupported >= 0) return error(422, "validation_error", `emails[${unsupported}]: attachments and scheduled_at are not supported in batch sending.`);
      }
      // Strict (the default) refuses the whole batch for one invalid email; permissive sends the rest and names it.
      const permissive = endpoint === "/emails/batch" && req.headers["x-batch-validation"] === "permissive";
      const problems = emails.map(problemOf);
      const invalid = problems.findIndex((p) => p !== null);
      if (invalid >= 0 && !permissive) return error(422, "validation_error", `emails[${invalid}]: ${problems[invalid]}`);
      const fingerprint = createHash("sha256").update(`${endpoint}\n${raw}`).digest("hex");
      const earlier = key ? byKey.get(key) : undefined;
      if (earlier) {
        if (earlier.fingerprint !== fingerprint) return error(409, "invalid_idempotent_request", "Same idempotency key used with a different request payload.");
        return reply(200, earlier.response);
      }
      const accepted = emails.filter((_, i) => problems[i] === null);
      const ids = accepted.map(() => randomUUID());
      const errors = problems.flatMap((message, index) => (message === null ? [] : [{ index, message }]));
      const response = endpoint === "/emails" ? { id: ids[0] } : permissive ? { data: ids.map((id) => ({ id })), errors } : { data: ids.map((id) => ({ id })) };
      if (key) byKey.set(key, { fingerprint, response });
      for (const body of accepted) received.push({ authorization: req.headers.authorization, idempotencyKey: key, endpoint, body });
      call.emails = accepted.length;
      if (state.acceptThenFailNext > 0) {
        state.acceptThenFailNext--;
        return error(500, "internal_server_error", "Unexpected error");
      }
      reply(200, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    calls,
    state,
    /** The email ids (our `email_id` tag) of every delivered email, in order of arrival. */
    deliveredEmailIds: () => received.map((r) => r.body.tags?.find((t) => t.name === "email_id")?.value),
    reset() {
      received.length = 0;
      calls.length = 0;
      byKey.clear();
      Object.assign(state, { failNext: 0, failStatus: 500, acceptThenFailNext: 0, hangNext: 0 });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
