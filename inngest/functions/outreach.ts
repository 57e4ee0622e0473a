import "server-only";
import { inngest } from "@/inngest/client";
import { clientTierChanged } from "@/inngest/events";
import { entersWinBack } from "@/lib/domain/email/outreach";
import { getEmailOrThrow } from "@/lib/server/data/emails";
import { NotFoundError } from "@/lib/server/errors";
import { approveEmail } from "@/lib/server/services/emails/approve-email";
import { assignOutreach } from "@/lib/server/services/emails/assign-outreach";
import { draftEmail } from "@/lib/server/services/emails/draft-email";
import { systemContext } from "./system";

/**
 * Win-back outreach when a client enters at risk or lapsed (whatever the score, 0 included; a first score counts as
 * entering): eligibility and the deterministic holdout (one assignment per entry), then a draft, then per the email
 * policy the review queue or approval, whose event sends it. Each a step calling the verbs the pages call. One run
 * per client at a time. Idempotent: the assignment is unique per entry, a repeated draft step answers the draft
 * already made, an email no longer a draft is not approved again. Retries: 3.
 */
export const outreachFunction = inngest.createFunction(
  { id: "outreach", name: "Win-back outreach", triggers: [clientTierChanged], retries: 3, concurrency: { key: "event.data.clientId", limit: 1 } },
  async ({ event, step }) => {
    const { clientId, fromTier, toTier, enteredAt } = event.data;
    if (!entersWinBack(fromTier, toTier)) return { clientId, outcome: "not an entry into at risk or lapsed" };
    const ctx = systemContext("outreach");
    const assigned = await step.run("check-eligibility-and-holdout", async () => {
      try {
        return await assignOutreach({ ctx, input: { clientId, enteredAt } });
      } catch (error) {
        if (error instanceof NotFoundError) return { outcome: "client no longer exists" as const };
        throw error;
      }
    });
    if (assigned.outcome !== "emailed") return { clientId, outcome: assigned.outcome };
    if (assigned.route === "none") return { clientId, outcome: "no draft by policy" };
    const emailId = await step.run("draft", async () => (await draftEmail({ ctx, input: { clientId, assignmentId: assigned.assignmentId }, origin: "outreach" })).id);
    if (assigned.route === "review") return { clientId, outcome: "in review", emailId };
    const state = await step.run("approve-and-schedule", async () => {
      const { email } = await getEmailOrThrow(ctx, emailId);
      if (email.state !== "draft") return email.state;
      return (await approveEmail({ ctx, input: { emailId } })).state;
    });
    return { clientId, outcome: "approved", emailId, state };
  },
);
