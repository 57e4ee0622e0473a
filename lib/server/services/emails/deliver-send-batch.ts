import "server-only";
import { and, asc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { writeAudits } from "@/lib/server/audit";
import { authorize, clientScopeWhere } from "@/lib/server/auth/permissions";
import type { Actor } from "@/lib/domain/access/policy";
import type { VerbArgs } from "@/lib/server/context";
import { readSettings } from "@/lib/server/data/settings";
import type { Executor, Transaction } from "@/lib/server/db/client";
import { clients, users, type WinBackEmail, winBackEmails } from "@/lib/server/db/schema";
import { composeWinBack } from "@/lib/server/emails/compose-win-back";
import { recordTransitions } from "./email-rules";
import { type BatchMemberResult, type OutgoingEmail, type SentEmail, sendEmails } from "@/lib/server/mail/send-email";
import { parseInput } from "@/lib/server/parse-input";
import { claimSendBatchSchema } from "./claim-send-batch";

/** The batch's emails recorded sent, and those recorded failed (all of them when the call itself failed, with `error`). */
type DeliveredBatch = { sent: string[]; failed: string[]; error: string | null; transport: "resend" | "local" | null };

type Failure = { id: string; message: string };

/** Moves emails still "sending" under this batch to failed, each with its reason, with transitions and audit rows. */
async function recordFailures(tx: Transaction, actor: Actor, batchKey: string, failures: Failure[]): Promise<string[]> {
  if (failures.length === 0) return [];
  const moved = [
    ...(await tx.execute<{ id: string; last_error: string }>(sql`
      update win_back_emails w set state = 'failed', last_error = r.message, updated_at = now()
      from jsonb_to_recordset(${JSON.stringify(failures)}::jsonb) as r(id uuid, message text)
      where w.id = r.id and w.state = 'sending' and w.send_batch = ${batchKey}
      returning w.id, w.last_error`)),
  ];
  await recordTransitions(tx, actor, moved.map((m) => ({ emailId: m.id, from: "sending" as const, to: "failed" as const, reason: m.last_error })));
  await writeAudits(tx, moved.map((m) => ({ actor, action: "email.send_failed", entityType: "email", entityId: m.id, after: { error: m.last_error, batch: batchKey } })));
  return moved.map((m) => m.id).sort();
}

/**
 * The batch's messages as they are to be sent, in the order of `emails`: each stored on its email the first time
 * (`composed`), so every retry of the batch sends the very payload its idempotency key was first used with. Where a
 * concurrent attempt stored its own first, that one is sent.
 */
async function pinOutgoing(db: Executor, batchKey: string, emails: WinBackEmail[], composed: OutgoingEmail[]): Promise<OutgoingEmail[]> {
  const fresh = emails.flatMap((email, i) => (email.outgoing ? [] : [{ id: email.id, outgoing: composed[i] }]));
  if (fresh.length === 0) return composed;
  // Sent as stored (jsonb orders an object's keys its own way), so a retry sends the first attempt's bytes.
  const stored = new Map(
    (
      await db.execute<{ id: string; outgoing: OutgoingEmail }>(sql`
        update win_back_emails w set outgoing = r.outgoing
        from jsonb_to_recordset(${JSON.stringify(fresh)}::jsonb) as r(id uuid, outgoing jsonb)
        where w.id = r.id and w.send_batch = ${batchKey} and w.state = 'sending' and w.outgoing is null
        returning w.id, w.outgoing`)
    ).map((row) => [row.id, row.outgoing]),
  );
  // One a concurrent attempt stored first (or moved on meanwhile) is read as it stands.
  const others = fresh.filter(({ id }) => !stored.has(id)).map(({ id }) => id);
  if (others.length > 0) {
    const rows = await db.select({ id: winBackEmails.id, outgoing: winBackEmails.outgoing }).from(winBackEmails).where(inArray(winBackEmails.id, others));
    for (const row of rows) if (row.outgoing) stored.set(row.id, row.outgoing);
  }
  return emails.map((email, i) => {
    const outgoing = stored.get(email.id) ?? composed[i];
    if (!outgoing) throw new Error(`email ${email.id} has no message to send`);
    return outgoing;
  });
}

/** Drops the batch's stored messages once its outcome is recorded (see pinOutgoing). */
async function clearOutgoing(db: Executor, batchKey: string): Promise<void> {
  await db.update(winBackEmails).set({ outgoing: null }).where(and(eq(winBackEmails.sendBatch, batchKey), isNotNull(winBackEmails.outgoing)));
}

/**
 * The second half of sending a batch: the emails `claimSendBatch` claimed under `batchKey`, rendered and sent in one
 * call (Resend's batch endpoint under the batch's idempotency key, or the local mailbox), then recorded as sent, or
 * as failed for a member Resend refused on its own. Retrying it sends the same emails under the same key, so nothing
 * is delivered twice; an email a webhook moved on meanwhile is sent in the payload again (Resend answers the first
 * response) but not recorded again. A fault of the whole call marks the batch's emails failed, unless `finalAttempt`
 * is false: then it is thrown for the caller's retry.
 */
export async function deliverSendBatch({ ctx, input, finalAttempt = true }: VerbArgs<typeof claimSendBatchSchema> & { finalAttempt?: boolean }): Promise<DeliveredBatch> {
  authorize(ctx.actor, "emails.write");
  const { emailIds, batchKey } = parseInput(claimSendBatchSchema, input);
  const [winBack, policy, rows] = await Promise.all([
    readSettings(ctx.db, "win_back"),
    readSettings(ctx.db, "email_policy"),
    ctx.db
      .select({ email: winBackEmails, signature: users.emailSignature, stylistName: users.name })
      .from(winBackEmails)
      .innerJoin(clients, eq(clients.id, winBackEmails.clientId))
      .leftJoin(users, eq(users.id, clients.stylistId))
      .where(and(inArray(winBackEmails.id, [...emailIds]), eq(winBackEmails.sendBatch, batchKey), clientScopeWhere(ctx.actor)))
      .orderBy(asc(winBackEmails.id)),
  ]);
  // Recorded already (a retry after the outcome committed, or webhooks moved every email on first): nothing to send.
  if (!rows.some(({ email }) => email.state === "sending")) {
    if (rows.some(({ email }) => email.outgoing)) await clearOutgoing(ctx.db, batchKey);
    return { sent: [], failed: [], error: null, transport: null };
  }
  let results: BatchMemberResult[];
  try {
    const composed = await Promise.all(
      rows.map(({ email, signature, stylistName }) => email.outgoing ?? composeWinBack(email, signature || stylistName || policy.senderName, winBack, policy)),
    );
    results = await sendEmails(await pinOutgoing(ctx.db, batchKey, rows.map(({ email }) => email), composed), batchKey);
  } catch (error) {
    if (!finalAttempt) throw error;
    const message = error instanceof Error ? error.message : String(error);
    const failed = await ctx.db.transaction(async (tx) => {
      await clearOutgoing(tx, batchKey);
      return recordFailures(tx, ctx.actor, batchKey, rows.map((r) => ({ id: r.email.id, message })));
    });
    return { sent: [], failed, error: message, transport: null };
  }
  const delivered: { id: string; provider_id: string; transport: SentEmail["transport"] }[] = [];
  const refused: Failure[] = [];
  rows.forEach(({ email }, i) => {
    const result = results[i];
    if (!result) refused.push({ id: email.id, message: "no answer for this email" });
    else if ("refused" in result) refused.push({ id: email.id, message: `Resend refused the email: ${result.refused}` });
    else delivered.push({ id: email.id, provider_id: result.id, transport: result.transport });
  });
  return ctx.db.transaction(async (tx) => {
    await clearOutgoing(tx, batchKey);
    // Only those still "sending" under this batch: a webhook may already have moved one on (delivered before we recorded).
    const moved = delivered.length
      ? [
          ...(await tx.execute<{ id: string; provider_id: string; transport: string }>(sql`
            update win_back_emails w set state = 'sent', sent_at = now(), provider_id = r.provider_id, transport = r.transport, last_error = null, updated_at = now()
            from jsonb_to_recordset(${JSON.stringify(delivered)}::jsonb) as r(id uuid, provider_id text, transport text)
            where w.id = r.id and w.state = 'sending' and w.send_batch = ${batchKey}
            returning w.id, r.provider_id, r.transport`)),
        ]
      : [];
    await recordTransitions(tx, ctx.actor, moved.map((m) => ({ emailId: m.id, from: "sending" as const, to: "sent" as const, reason: null })));
    await writeAudits(tx, moved.map((m) => ({ actor: ctx.actor, action: "email.send", entityType: "email", entityId: m.id, after: { providerId: m.provider_id, transport: m.transport, batch: batchKey } })));
    const failed = await recordFailures(tx, ctx.actor, batchKey, refused);
    return { sent: moved.map((m) => m.id).sort(), failed, error: refused[0]?.message ?? null, transport: delivered[0]?.transport ?? null };
  });
}
