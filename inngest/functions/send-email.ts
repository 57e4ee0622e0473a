import "server-only";
import { inngest } from "@/inngest/client";
import { emailApproved } from "@/inngest/events";
import { getEmailOrThrow } from "@/lib/server/data/emails";
import { readSettings } from "@/lib/server/data/settings";
import { db } from "@/lib/server/db/client";
import { reserveSendSlot } from "@/lib/server/emails/send-pacer";
import { NotFoundError } from "@/lib/server/errors";
import { sendWinBackEmail } from "@/lib/server/services/emails/send-win-back-email";
import { systemContext } from "./system";

/** How often a send may find the client's night (their time zone changed meanwhile) and wait for the window again. */
const WINDOW_ROUNDS = 3;
const RETRIES = 4;

/**
 * Sends an approved email when due: sleeps until its scheduled time (inside the client's daytime window), reserves
 * a slot at the configured send rate and sleeps until it, then sends. The send step checks the guards (consent,
 * suppression, frequency, state) again right before delivery and uses the email's idempotency key with Resend, so a
 * retry after a fault (Resend 500, timeout, a crash after the request) delivers once; the last attempt records the
 * email as failed. An email already sent or discarded is skipped. One run per email at a time. Retries: 4.
 */
export const sendEmailFunction = inngest.createFunction(
  { id: "send-email", name: "Send a win-back email", triggers: [emailApproved], retries: RETRIES, concurrency: { key: "event.data.emailId", limit: 1 } },
  async ({ event, step, attempt, maxAttempts }) => {
    const { emailId } = event.data;
    const ctx = systemContext("send-email");
    const due = await step.run("when-due", async () => {
      try {
        const { email } = await getEmailOrThrow(ctx, emailId);
        return { state: email.state, at: (email.scheduledFor ?? new Date()).toISOString() };
      } catch (error) {
        if (error instanceof NotFoundError) return { state: "deleted", at: new Date().toISOString() };
        throw error;
      }
    });
    if (due.state !== "approved" && due.state !== "scheduled" && due.state !== "sending") return { emailId, outcome: "skipped", state: due.state };
    await step.sleepUntil("wait-until-due", due.at);
    for (let round = 0; round < WINDOW_ROUNDS; round++) {
      const slot = await step.run(`reserve-send-slot-${round}`, async () => {
        const { sendRatePerSecond } = await readSettings(db, "win_back");
        return (await reserveSendSlot(db, sendRatePerSecond)).toISOString();
      });
      await step.sleepUntil(`wait-for-send-slot-${round}`, slot);
      const result = await step.run(`send-${round}`, async () => {
        // Only the last attempt records a delivery fault as the email's failure; earlier ones throw, to be retried.
        const finalAttempt = attempt + 1 >= (maxAttempts ?? RETRIES + 1);
        const outcome = await sendWinBackEmail({ ctx, input: { emailId }, finalAttempt });
        return outcome.outcome === "deferred" ? { outcome: "deferred" as const, until: outcome.until.toISOString() } : outcome.outcome === "sent" ? { outcome: "sent" as const } : outcome;
      });
      if (result.outcome !== "deferred") return { emailId, ...result };
      await step.sleepUntil(`wait-for-daytime-${round}`, result.until);
    }
    return { emailId, outcome: "deferred", reason: "still outside the client's daytime window" };
  },
);
