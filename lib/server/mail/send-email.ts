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
  /** Resend drops a repeat with the same key, so a retry after a timeout never sends twice. */
  idempotencyKey: string;
  headers?: Record<string, string>;
  /** Resend tags: ours carry the email's id, so webhook events find their email. */
  tags?: Record<string, string>;
};

export type SentEmail = { id: string; transport: "resend" | "local" };

const TIMEOUT_MS = 10_000;
const ATTEMPTS = 3;

function isRetryable(statusCode: number | null | undefined) {
  return statusCode == null || statusCode === 429 || statusCode >= 500;
}

async function sendWithResend(email: OutgoingEmail, apiKey: string): Promise<SentEmail> {
  const resend = new Resend(apiKey, env.RESEND_BASE_URL ? { baseUrl: env.RESEND_BASE_URL } : undefined);
  let lastError = "no attempt made";
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    try {
      const { data, error } = await resend.emails.send(
        {
          from: email.from ?? env.EMAIL_FROM,
          to: email.to,
          subject: email.subject,
          html: email.html,
          text: email.text,
          headers: email.headers,
          tags: email.tags ? Object.entries(email.tags).map(([name, value]) => ({ name, value })) : undefined,
        },
        { idempotencyKey: email.idempotencyKey, signal: AbortSignal.timeout(TIMEOUT_MS) } as { idempotencyKey: string },
      );
      if (data) return { id: data.id, transport: "resend" };
      lastError = `${error?.name ?? "error"}: ${error?.message ?? "unknown"}`;
      if (!isRetryable((error as { statusCode?: number | null } | null)?.statusCode)) break;
    } catch (caught) {
      lastError = caught instanceof Error ? caught.message : String(caught);
    }
    await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** attempt));
  }
  throw new Error(`Resend did not accept the email: ${lastError}`);
}

async function sendToLocalMailbox(email: OutgoingEmail): Promise<SentEmail> {
  const [row] = await db
    .insert(localMailbox)
    .values({ idempotencyKey: email.idempotencyKey, from: email.from ?? env.EMAIL_FROM, to: email.to, subject: email.subject, html: email.html, text: email.text, headers: email.headers, tags: email.tags })
    .onConflictDoUpdate({ target: localMailbox.idempotencyKey, set: { idempotencyKey: email.idempotencyKey } })
    .returning({ id: localMailbox.id });
  if (!row) throw new Error("local mailbox insert returned no row");
  return { id: row.id, transport: "local" };
}

/** Sends through Resend when RESEND_API_KEY is set, otherwise into the local mailbox. */
export function sendEmail(email: OutgoingEmail): Promise<SentEmail> {
  return env.RESEND_API_KEY ? sendWithResend(email, env.RESEND_API_KEY) : sendToLocalMailbox(email);
}
