import "server-only";
import { inngest } from "@/inngest/client";
import { emailApproved, emailDue } from "@/inngest/events";
import { getEmailOrThrow } from "@/lib/server/data/emails";
import { NotFoundError } from "@/lib/server/errors";
import { systemContext } from "./system";

/**
 * Waits until an approved email is due (its scheduled time, inside the client's daytime window), then hands it to
 * the batched `send-email-batch` with an `email.due` event, which sends it together with every other email due then.
 * An email already sent or discarded is skipped. The event's id is this run's, so a repeated step sends it once and
 * a catch-up (a new run) hands it on again. One run per email at a time. Retries: 4.
 */
export const waitUntilDueFunction = inngest.createFunction(
  { id: "send-email", name: "Wait until a win-back email is due", triggers: [emailApproved], retries: 4, concurrency: { key: "event.data.emailId", limit: 1 } },
  async ({ event, step, runId }) => {
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
    if (due.state !== "approved" && due.state !== "scheduled") return { emailId, outcome: "skipped", state: due.state };
    await step.sleepUntil("wait-until-due", due.at);
    await step.sendEvent("hand-to-batch", emailDue.create({ emailId }, { id: `due:${runId}` }));
    return { emailId, outcome: "due", at: due.at };
  },
);
