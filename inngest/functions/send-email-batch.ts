import "server-only";
import { inngest } from "@/inngest/client";
import { emailApproved, emailDue } from "@/inngest/events";
import { sendBatchKey } from "@/lib/domain/email/send-batch";
import { readSettings } from "@/lib/server/data/settings";
import { db } from "@/lib/server/db/client";
import { reserveSendSlot } from "@/lib/server/emails/send-pacer";
import { RESEND_BATCH_LIMIT } from "@/lib/server/mail/send-email";
import { claimSendBatch } from "@/lib/server/services/emails/claim-send-batch";
import { deliverSendBatch } from "@/lib/server/services/emails/deliver-send-batch";
import { systemContext } from "./system";

const RETRIES = 4;

/**
 * Sends due emails in batches through Resend's batch endpoint: a run takes up to 100 `email.due` events (at most 2 s
 * after the first). It reserves as many slots at the configured send rate as it has emails (a batch counts as N
 * sends) and waits for them; then, right before delivery, checks each email's guards and daytime window (a failing
 * email is discarded with its reason and left out; one outside the window is scheduled for its opening and handed
 * back to send-email) and claims the rest under the batch's key; then sends them in one call under that key as the
 * idempotency key. The key comes from the batch's email ids, and the claimed list is the claim step's stored result,
 * so a retried send step sends the same emails under the same key and Resend delivers them once; the last attempt
 * records a fault as the emails' failure. One batch at a time. Retries: 4.
 */
export const sendEmailBatchFunction = inngest.createFunction(
  {
    id: "send-email-batch",
    name: "Send due win-back emails in batches",
    triggers: [emailDue],
    retries: RETRIES,
    batchEvents: { maxSize: RESEND_BATCH_LIMIT, timeout: "2s" },
    concurrency: { limit: 1 },
  },
  async ({ events, step, attempt, maxAttempts }) => {
    const emailIds = [...new Set(events.map((event) => event.data.emailId))].sort();
    const batchKey = sendBatchKey(emailIds);
    const ctx = systemContext("send-email");
    const slot = await step.run("reserve-send-slots", async () => {
      const { sendRatePerSecond } = await readSettings(db, "win_back");
      return (await reserveSendSlot(db, sendRatePerSecond, emailIds.length)).toISOString();
    });
    await step.sleepUntil("wait-for-send-slots", slot);
    const claim = await step.run("check-guards-and-claim", () => claimSendBatch({ ctx, input: { emailIds, batchKey } }));
    if (claim.deferred.length) {
      await step.sendEvent(
        "wait-for-daytime",
        claim.deferred.map(({ emailId, until }) => emailApproved.create({ emailId }, { id: `deferred:${emailId}:${until}` })),
      );
    }
    const counts = { emails: emailIds.length, deferred: claim.deferred.length, blocked: claim.blocked.length, skipped: claim.skipped.length + claim.missing.length };
    if (claim.claimed.length === 0) return { batchKey, ...counts, sent: 0, failed: 0 };
    const delivered = await step.run("send-batch", async () => {
      // Only the last attempt records a delivery fault as the emails' failure; earlier ones throw, to be retried.
      const finalAttempt = attempt + 1 >= (maxAttempts ?? RETRIES + 1);
      const outcome = await deliverSendBatch({ ctx, input: { emailIds: claim.claimed, batchKey }, finalAttempt });
      return { sent: outcome.sent.length, failed: outcome.failed.length, error: outcome.error };
    });
    return { batchKey, ...counts, ...delivered };
  },
);
