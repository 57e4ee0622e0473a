import "server-only";
import { inngest } from "@/inngest/client";
import { clientTierChanged } from "@/inngest/events";
import { entersWinBack } from "@/lib/domain/email/outreach";
import { getEmailOrThrow } from "@/lib/server/data/emails";
import { NotFoundError } from "@/lib/server/errors";
import { approveEmail } from "@/lib/server/services/emails/approve-email";
import { assignOutreach, type OutreachAssignment } from "@/lib/server/services/emails/assign-outreach";
import { draftEmail } from "@/lib/server/services/emails/draft-email";
import { systemContext } from "./system";

type OutreachEntry = { clientId: string; enteredAt: string | Date };

export type OutreachOutcome =
  | Exclude<OutreachAssignment, { outcome: "holdout" | "emailed" }>
  | { outcome: "holdout" }
  | { outcome: "client_gone" }
  | { outcome: "drafted"; emailId: string; route: "review" | "auto_send" };

/** Runs one named piece of work: as an Inngest step in the function, at once in tests. */
type OutreachStep = <T>(id: string, work: () => Promise<T>) => Promise<T>;

/**
 * Outreach for one entry into at risk or lapsed, each step calling the verbs the pages call: eligibility and the
 * deterministic holdout (one assignment per entry), then a draft, then per the email policy the review queue or
 * approval, whose event sends it. Idempotent: the assignment is unique per entry, a repeated draft step answers the
 * draft already made, an email no longer a draft is not approved again. `now` is the clock (tests fix it).
 */
export async function runOutreach(entry: OutreachEntry, step: OutreachStep, now?: Date): Promise<OutreachOutcome> {
  const ctx = systemContext("outreach");
  const { clientId } = entry;
  const assigned = await step("check-eligibility-and-holdout", async () => {
    try {
      return await assignOutreach({ ctx, input: { clientId, enteredAt: entry.enteredAt }, now });
    } catch (error) {
      if (error instanceof NotFoundError) return { outcome: "client_gone" as const };
      throw error;
    }
  });
  if (assigned.outcome === "holdout") return { outcome: "holdout" };
  if (assigned.outcome !== "emailed") return assigned;
  // An entry assigned before the policy stopped drafting for its tier.
  if (assigned.route === "none") return { outcome: "no_draft_by_policy" };
  const emailId = await step("draft", async () => (await draftEmail({ ctx, input: { clientId, assignmentId: assigned.assignmentId }, origin: "outreach" })).id);
  if (assigned.route === "review") return { outcome: "drafted", emailId, route: "review" };
  await step("approve-and-schedule", async () => {
    const { email } = await getEmailOrThrow(ctx, emailId);
    if (email.state !== "draft") return email.state;
    return (await approveEmail({ ctx, input: { emailId }, now })).state;
  });
  return { outcome: "drafted", emailId, route: "auto_send" };
}

/**
 * Win-back outreach when a client enters at risk or lapsed (whatever the score, 0 included; a first score counts as
 * entering), as runOutreach's steps. One run per client at a time. Retries: 3.
 */
export const outreachFunction = inngest.createFunction(
  { id: "outreach", name: "Win-back outreach", triggers: [clientTierChanged], retries: 3, concurrency: { key: "event.data.clientId", limit: 1 } },
  async ({ event, step }) => {
    const { clientId, fromTier, toTier, enteredAt } = event.data;
    if (!entersWinBack(fromTier, toTier)) return { clientId, outcome: "not_an_entry" };
    // Each step's output is JSON already (ids, words), so what Inngest stores is what the work answered.
    const inStep: OutreachStep = (id, work) => step.run(id, work) as ReturnType<typeof work>;
    return { clientId, ...(await runOutreach({ clientId, enteredAt }, inStep)) };
  },
);
