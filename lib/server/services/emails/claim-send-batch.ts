import "server-only";
import { NOT_SENT_PREFIX } from "@/lib/domain/email/discard-reasons";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { assertTransition, type EmailState } from "@/lib/domain/email/lifecycle";
import { nextSendTime } from "@/lib/domain/email/sending-window";
import { writeAudit } from "@/lib/server/audit";
import { authorize } from "@/lib/server/auth/permissions";
import type { VerbArgs } from "@/lib/server/context";
import { readSettings } from "@/lib/server/data/settings";
import { winBackEmails } from "@/lib/server/db/schema";
import { moveEmail, recordTransitions } from "./email-rules";
import { lockSendCandidates } from "@/lib/server/emails/send-guards";
import { RESEND_BATCH_LIMIT } from "@/lib/server/mail/send-email";
import { parseInput } from "@/lib/server/parse-input";

export const claimSendBatchSchema = z.object({
  emailIds: z.array(z.uuid("Unknown email")).min(1, "Choose at least one email").max(RESEND_BATCH_LIMIT, `At most ${RESEND_BATCH_LIMIT} emails per batch`),
  batchKey: z.string().min(1).max(256),
});

type ClaimedBatch = {
  /** Moved to "sending" under this batch's key (or already were, by an earlier attempt of this batch): send these. */
  claimed: string[];
  /** Not due yet (scheduled for later) or outside the client's daytime window (scheduled for when it opens): until then. */
  deferred: { emailId: string; until: string }[];
  /** Failed a guard: discarded, with the reason. */
  blocked: { emailId: string; reason: string }[];
  /** Already sent, discarded, claimed by another batch, or not a state that sends. */
  skipped: { emailId: string; state: EmailState }[];
  /** Gone, or outside the actor's scope. */
  missing: string[];
};

const READY: readonly EmailState[] = ["approved", "scheduled"];

/**
 * The first half of sending a batch, right before delivery, in one transaction: each email's guards (consent,
 * suppression, frequency, state) are checked again and its client's daytime window; an email failing a guard is
 * discarded with the reason, one outside the window is scheduled for its opening, and the rest move to "sending"
 * marked with the batch's key. An email already "sending" under this key (a retried claim) stays in the batch; one
 * sending under another key is left to that batch. `deliverSendBatch` sends what this claimed.
 */
export async function claimSendBatch({ ctx, input, now = new Date() }: VerbArgs<typeof claimSendBatchSchema> & { now?: Date }): Promise<ClaimedBatch> {
  authorize(ctx.actor, "emails.write");
  const { emailIds, batchKey } = parseInput(claimSendBatchSchema, input);
  const [winBack, policy] = await Promise.all([readSettings(ctx.db, "win_back"), readSettings(ctx.db, "email_policy")]);
  return ctx.db.transaction(async (tx) => {
    const candidates = await lockSendCandidates(tx, ctx.actor, emailIds, { minDaysBetweenEmails: policy.minDaysBetweenEmails, now });
    const found = new Set(candidates.map((c) => c.email.id));
    const result: ClaimedBatch = { claimed: [], deferred: [], blocked: [], skipped: [], missing: [...new Set(emailIds)].filter((id) => !found.has(id)) };
    const toSend: { id: string; from_state: EmailState; to_address: string }[] = [];
    for (const { email, client, eligibility } of candidates) {
      if (email.state === "sending") {
        if (email.sendBatch && email.sendBatch !== batchKey) result.skipped.push({ emailId: email.id, state: email.state });
        else {
          if (!email.sendBatch) await tx.update(winBackEmails).set({ sendBatch: batchKey }).where(eq(winBackEmails.id, email.id));
          result.claimed.push(email.id);
        }
        continue;
      }
      if (!READY.includes(email.state)) {
        result.skipped.push({ emailId: email.id, state: email.state });
        continue;
      }
      if (!eligibility.eligible) {
        await moveEmail(tx, ctx.actor, email, "discarded", { reason: `${NOT_SENT_PREFIX}${eligibility.message}`, set: { discardReason: eligibility.message } });
        await writeAudit(tx, ctx.actor, { action: "email.send_blocked", entityType: "email", entityId: email.id, after: { reason: eligibility.reason } });
        result.blocked.push({ emailId: email.id, reason: eligibility.message });
        continue;
      }
      // Scheduled for later than now (approved again since the run that hands it here began waiting): not yet.
      if (email.state === "scheduled" && email.scheduledFor && email.scheduledFor.getTime() > now.getTime()) {
        result.deferred.push({ emailId: email.id, until: email.scheduledFor.toISOString() });
        continue;
      }
      const opensAt = nextSendTime(now, client.timezone, { startHour: winBack.sendWindowStartHour, endHour: winBack.sendWindowEndHour });
      if (opensAt.getTime() > now.getTime()) {
        if (email.state === "approved") await moveEmail(tx, ctx.actor, email, "scheduled", { set: { scheduledFor: opensAt } });
        else await tx.update(winBackEmails).set({ scheduledFor: opensAt }).where(eq(winBackEmails.id, email.id));
        result.deferred.push({ emailId: email.id, until: opensAt.toISOString() });
        continue;
      }
      assertTransition(email.state, "sending");
      // The address the client has now: an edit of the client since drafting wins.
      toSend.push({ id: email.id, from_state: email.state, to_address: client.address });
    }
    if (toSend.length) {
      const moved = await tx.execute<{ id: string; from_state: EmailState }>(sql`
        update win_back_emails w set state = 'sending', to_address = r.to_address, send_batch = ${batchKey}, updated_at = now()
        from jsonb_to_recordset(${JSON.stringify(toSend)}::jsonb) as r(id uuid, from_state email_state, to_address text)
        where w.id = r.id and w.state = r.from_state
        returning w.id, r.from_state`);
      await recordTransitions(tx, ctx.actor, [...moved].map((m) => ({ emailId: m.id, from: m.from_state, to: "sending" as const, reason: null })));
      result.claimed.push(...[...moved].map((m) => m.id));
    }
    result.claimed.sort();
    return result;
  });
}
