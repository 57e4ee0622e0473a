import "server-only";
import { authorize } from "@/lib/server/auth/permissions";
import type { VerbArgs } from "@/lib/server/context";
import { parseInput } from "@/lib/server/parse-input";
import { approveEmail } from "./approve-email";
import { assignOutreach, assignOutreachSchema } from "./assign-outreach";
import { draftEmail } from "./draft-email";

export const startOutreachSchema = assignOutreachSchema;

export type OutreachOutcome =
  | { outcome: "not_win_back"; tier: string | null }
  | { outcome: "ineligible"; reason: string }
  | { outcome: "holdout" }
  | { outcome: "no_draft_by_policy" }
  | { outcome: "drafted"; emailId: string; route: "review" | "auto_send" };

/**
 * All of outreach for one entry in one call (the catch-up sweep; the outreach Inngest function runs the same verbs
 * as steps): assignment (eligibility, holdout), then a draft that per policy waits for review or is approved and
 * scheduled. Safe to repeat for the same entry.
 */
export async function startOutreach({ ctx, input, now = new Date() }: VerbArgs<typeof startOutreachSchema> & { now?: Date }): Promise<OutreachOutcome> {
  authorize(ctx.actor, "emails.write");
  const entry = parseInput(startOutreachSchema, input);
  const assigned = await assignOutreach({ ctx, input: entry, now });
  if (assigned.outcome !== "emailed") return assigned.outcome === "holdout" ? { outcome: "holdout" } : assigned;
  // An entry assigned before the policy stopped drafting for its tier.
  if (assigned.route === "none") return { outcome: "no_draft_by_policy" };
  const email = await draftEmail({ ctx, input: { clientId: entry.clientId, assignmentId: assigned.assignmentId }, origin: "outreach" });
  if (assigned.route === "auto_send" && email.state === "draft") await approveEmail({ ctx, input: { emailId: email.id }, now });
  return { outcome: "drafted", emailId: email.id, route: assigned.route };
}
