import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { writeAudits } from "@/lib/server/audit";
import { authorize, clientScopeWhere } from "@/lib/server/auth/permissions";
import type { VerbArgs } from "@/lib/server/context";
import { readSettings } from "@/lib/server/data/settings";
import { clients, users, winBackEmails } from "@/lib/server/db/schema";
import { composeWinBack } from "@/lib/server/emails/compose-win-back";
import { recordTransitions } from "@/lib/server/emails/email-rules";
import { sendEmails } from "@/lib/server/mail/send-email";
import { parseInput } from "@/lib/server/parse-input";
import { claimSendBatchSchema } from "./claim-send-batch";

export type DeliveredBatch = { outcome: "sent"; sent: string[]; transport: "resend" | "local" | null } | { outcome: "failed"; failed: string[]; error: string };

/**
 * The second half of sending a batch: the emails `claimSendBatch` claimed under `batchKey`, rendered and sent in one
 * call (Resend's batch endpoint under the batch's idempotency key, or the local mailbox), then recorded as sent.
 * Retrying it sends the same emails under the same key, so nothing is delivered twice; an email a webhook moved on
 * meanwhile is sent in the payload again (Resend answers the first response) but not recorded again. A fault marks
 * the batch's emails failed, unless `finalAttempt` is false: then it is thrown for the caller's retry.
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
  if (rows.length === 0) return { outcome: "sent", sent: [], transport: null };
  try {
    const outgoing = await Promise.all(rows.map(({ email, signature, stylistName }) => composeWinBack(email, signature || stylistName || policy.senderName, winBack, policy)));
    const sent = await sendEmails(outgoing, batchKey);
    const delivered = rows.map(({ email }, i) => ({ id: email.id, provider_id: sent[i]?.id ?? null, transport: sent[i]?.transport ?? null }));
    const recorded = await ctx.db.transaction(async (tx) => {
      // Only those still "sending" under this batch: a webhook may already have moved one on (delivered before we recorded).
      const moved = [
        ...(await tx.execute<{ id: string; provider_id: string; transport: string }>(sql`
          update win_back_emails w set state = 'sent', sent_at = now(), provider_id = r.provider_id, transport = r.transport, last_error = null, updated_at = now()
          from jsonb_to_recordset(${JSON.stringify(delivered)}::jsonb) as r(id uuid, provider_id text, transport text)
          where w.id = r.id and w.state = 'sending' and w.send_batch = ${batchKey}
          returning w.id, r.provider_id, r.transport`)),
      ];
      await recordTransitions(tx, ctx.actor, moved.map((m) => ({ emailId: m.id, from: "sending" as const, to: "sent" as const, reason: null })));
      await writeAudits(tx, moved.map((m) => ({ actor: ctx.actor, action: "email.send", entityType: "email", entityId: m.id, after: { providerId: m.provider_id, transport: m.transport, batch: batchKey } })));
      return moved.map((m) => m.id).sort();
    });
    return { outcome: "sent", sent: recorded, transport: sent[0]?.transport ?? null };
  } catch (error) {
    if (!finalAttempt) throw error;
    const message = error instanceof Error ? error.message : String(error);
    const failed = await ctx.db.transaction(async (tx) => {
      const moved = await tx
        .update(winBackEmails)
        .set({ state: "failed", lastError: message })
        .where(and(inArray(winBackEmails.id, rows.map((r) => r.email.id)), eq(winBackEmails.state, "sending"), eq(winBackEmails.sendBatch, batchKey)))
        .returning({ id: winBackEmails.id });
      await recordTransitions(tx, ctx.actor, moved.map((m) => ({ emailId: m.id, from: "sending" as const, to: "failed" as const, reason: message })));
      await writeAudits(tx, moved.map((m) => ({ actor: ctx.actor, action: "email.send_failed", entityType: "email", entityId: m.id, after: { error: message, batch: batchKey } })));
      return moved.map((m) => m.id).sort();
    });
    return { outcome: "failed", failed, error: message };
  }
}
