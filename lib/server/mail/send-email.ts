import "server-only";
import { Resend } from "resend";
import { env } from "@/lib/env";
import { db } from "@/lib/server/db/client";
import { localMailbox } from "@/lib/server/db/schema";

export type OutgoingEmail = {
  to: string[];
  subject: string;
  html: string;
  text?: string;
  from?: string;
  /** Resend drops a repeat with the same key, so a retry after a timeout never sends twice (the local mailbox too). */
  idempotencyKey: string;
  headers?: Record<string, string>;
  /** Resend tags: ours carry the email's id, so webhook events find their email. */
  tags?: Record<string, string>;
};

export type SentEmail = { id: string; transport: "resend" | "local" };
/** One member of a batch: sent, or refused by Resend on its own (an invalid address, say) while the rest went out. */
export type BatchMemberResult = SentEmail | { refused: string };

/** Resend's batch endpoint takes at most this many emails per call. */
export const RESEND_BATCH_LIMIT = 100;
const TIMEOUT_MS = 10_000;
const ATTEMPTS = 3;

type ResendError = { name?: string; message?: string; statusCode?: number | null } | null;

function isRetryable(error: ResendError) {
  const status = error?.statusCode;
  // 409 concurrent_idempotent_requests: the same key is still being processed; asking again gets its answer.
  return status == null || status === 429 || status >= 500 || error?.name === "concurrent_idempotent_requests";
}

function resendClient(apiKey: string) {
  return new Resend(apiKey, env.RESEND_BASE_URL ? { baseUrl: env.RESEND_BASE_URL } : undefined);
}

function toResend(email: OutgoingEmail) {
  return {
    from: email.from ?? env.EMAIL_FROM,
    to: email.to,
    subject: email.subject,
    html: email.html,
    text: email.text,
    headers: email.headers,
    tags: email.tags ? Object.entries(email.tags).map(([name, value]) => ({ name, value })) : undefined,
  };
}

/** One call with bounded retries and backoff under the same idempotency key; answers the data or throws the last error. */
async function withRetries<T>(call: (signal: AbortSignal) => Promise<{ data: T | null; error: ResendError }>, what: string): Promise<T> {
  let lastError = "no attempt made";
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    try {
      const { data, error } = await call(AbortSignal.timeout(TIMEOUT_MS));
      if (data) return data;
      lastError = `${error?.name ?? "error"}: ${error?.message ?? "unknown"}`;
      if (!isRetryable(error)) break;
    } catch (caught) {
      lastError = caught instanceof Error ? caught.message : String(caught);
    }
    if (attempt < ATTEMPTS) await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** attempt));
  }
  throw new Error(`Resend did not accept ${what}: ${lastError}`);
}

async function sendWithResend(email: OutgoingEmail, apiKey: string): Promise<SentEmail> {
  const resend = resendClient(apiKey);
  // The SDK passes extra request options (the signal) on to fetch; its typings list only the idempotency key.
  const data = await withRetries((signal) => resend.emails.send(toResend(email), { idempotencyKey: email.idempotencyKey, signal } as { idempotencyKey: string }), "the email");
  return { id: data.id, transport: "resend" };
}

/**
 * Permissive validation: Resend sends the valid members and names the refused ones by index, so one bad address does
 * not hold back the other 99. Its `data` holds the accepted members' ids in batch order.
 */
async function sendBatchWithResend(emails: OutgoingEmail[], batchKey: string, apiKey: string): Promise<BatchMemberResult[]> {
  const resend = resendClient(apiKey);
  const data = await withRetries(
    (signal) =>
      resend.batch.send(emails.map(toResend), { idempotencyKey: batchKey, batchValidation: "permissive", signal } as { idempotencyKey: string; batchValidation: "permissive" }),
    `the batch of ${emails.length}`,
  );
  const refused = new Map((data.errors ?? []).map((e) => [e.index, e.message || "refused by Resend"]));
  if (data.data.length + refused.size !== emails.length) throw new Error(`Resend answered ${data.data.length} ids and ${refused.size} errors for a batch of ${emails.length}`);
  const ids = data.data.values();
  return emails.map((_, index) => {
    const reason = refused.get(index);
    if (reason !== undefined) return { refused: reason };
    const next = ids.next();
    if (next.done) throw new Error("Resend answered too few ids");
    return { id: next.value.id, transport: "resend" as const };
  });
}

/** The local mailbox keeps one row per idempotency key: a repeat answers the row already there. */
async function sendToLocalMailbox(emails: OutgoingEmail[]): Promise<SentEmail[]> {
  const rows = await db
    .insert(localMailbox)
    .values(emails.map((email) => ({ idempotencyKey: email.idempotencyKey, from: email.from ?? env.EMAIL_FROM, to: email.to, subject: email.subject, html: email.html, text: email.text, headers: email.headers, tags: email.tags })))
    .onConflictDoUpdate({ target: localMailbox.idempotencyKey, set: { idempotencyKey: localMailbox.idempotencyKey } })
    .returning({ id: localMailbox.id, key: localMailbox.idempotencyKey });
  const byKey = new Map(rows.map((row) => [row.key, row.id]));
  return emails.map((email) => {
    const id = byKey.get(email.idempotencyKey);
    if (!id) throw new Error("local mailbox insert returned no row");
    return { id, transport: "local" as const };
  });
}

/** Sends one email through Resend when RESEND_API_KEY is set, otherwise into the local mailbox. */
export async function sendEmail(email: OutgoingEmail): Promise<SentEmail> {
  if (env.RESEND_API_KEY) return sendWithResend(email, env.RESEND_API_KEY);
  const [sent] = await sendToLocalMailbox([email]);
  if (!sent) throw new Error("local mailbox insert returned no row");
  return sent;
}

/**
 * Sends up to 100 emails in one call: Resend's batch endpoint (POST /emails/batch) under one idempotency key for the
 * whole batch, or the local mailbox (one row per email's own key). Answers each one's id, or why Resend refused it, in
 * the same order. The batch
 * endpoint takes no attachments and no scheduled_at; ours have neither (the daytime window is kept by waiting).
 */
export async function sendEmails(emails: OutgoingEmail[], batchKey: string): Promise<BatchMemberResult[]> {
  if (emails.length === 0) return [];
  if (emails.length > RESEND_BATCH_LIMIT) throw new Error(`A batch holds at most ${RESEND_BATCH_LIMIT} emails, not ${emails.length}`);
  return env.RESEND_API_KEY ? sendBatchWithResend(emails, batchKey, env.RESEND_API_KEY) : sendToLocalMailbox(emails);
}
