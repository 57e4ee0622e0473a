import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { isHeldOut } from "@/lib/domain/email/holdout";
import { outreachRoute, WIN_BACK_TIERS } from "@/lib/domain/email/outreach";
import { writeAudit } from "@/lib/server/audit";
import { authorize } from "@/lib/server/auth/permissions";
import type { VerbArgs } from "@/lib/server/context";
import { clientScores, outreachAssignments } from "@/lib/server/db/schema";
import { clientEligibility } from "@/lib/server/emails/email-rules";
import { NotFoundError } from "@/lib/server/errors";
import { parseInput } from "@/lib/server/parse-input";
import { readSettings } from "@/lib/server/data/settings";
import { approveEmail } from "./approve-email";
import { draftEmail } from "./draft-email";

export const startOutreachSchema = z.object({
  clientId: z.uuid("Unknown client"),
  /** When the client entered the tier (the tier change, or their first score): one outreach per entry. */
  enteredAt: z.coerce.date(),
});

export type OutreachOutcome =
  | { outcome: "not_win_back"; tier: string | null }
  | { outcome: "already_assigned" }
  | { outcome: "ineligible"; reason: string }
  | { outcome: "holdout" }
  | { outcome: "no_draft_by_policy" }
  | { outcome: "drafted"; emailId: string; route: "review" | "auto_send" };

/**
 * A client entered at risk or lapsed (whatever the score, 0 included): eligibility first, then the holdout (a
 * deterministic share gets no email but is recorded), then a draft that per policy waits for review or is
 * scheduled. Safe to repeat for the same entry: the assignment is unique per client and entry time.
 */
export async function startOutreach({ ctx, input, now = new Date() }: VerbArgs<typeof startOutreachSchema> & { now?: Date }): Promise<OutreachOutcome> {
  authorize(ctx.actor, "emails.write");
  const { clientId, enteredAt } = parseInput(startOutreachSchema, input);
  const [score] = await ctx.db.select({ tier: clientScores.tier, score: clientScores.score }).from(clientScores).where(eq(clientScores.clientId, clientId)).limit(1);
  if (!score) throw new NotFoundError("Client");
  const tier = score.tier;
  if (!tier || !WIN_BACK_TIERS.includes(tier)) return { outcome: "not_win_back", tier };
  const [policy, settings] = await Promise.all([readSettings(ctx.db, "email_policy"), readSettings(ctx.db, "win_back")]);

  const assigned = await ctx.db.transaction(async (tx): Promise<OutreachOutcome | { outcome: "emailed"; assignmentId: string }> => {
    const eligibility = await clientEligibility(tx, { clientId, minDaysBetweenEmails: policy.minDaysBetweenEmails, now });
    if (!eligibility.eligible) return { outcome: "ineligible", reason: eligibility.message };
    const group = isHeldOut({ seed: settings.holdoutSeed, clientId, tier, share: settings.holdoutShare }) ? "holdout" : "emailed";
    const [row] = await tx
      .insert(outreachAssignments)
      .values({ clientId, tier, group, score: score.score, enteredAt, assignedAt: now })
      .onConflictDoNothing()
      .returning({ id: outreachAssignments.id });
    if (!row) return { outcome: "already_assigned" };
    await writeAudit(tx, ctx.actor, { action: "outreach.assign", entityType: "client", entityId: clientId, after: { tier, group, score: score.score } });
    return group === "holdout" ? { outcome: "holdout" } : { outcome: "emailed", assignmentId: row.id };
  });
  if (assigned.outcome !== "emailed") return assigned;

  const route = outreachRoute(tier, policy);
  if (route === "none") return { outcome: "no_draft_by_policy" };
  const email = await draftEmail({ ctx, input: { clientId }, origin: "outreach" });
  await ctx.db.update(outreachAssignments).set({ emailId: email.id }).where(eq(outreachAssignments.id, assigned.assignmentId));
  if (route === "auto_send") await approveEmail({ ctx, input: { emailId: email.id }, now });
  return { outcome: "drafted", emailId: email.id, route };
}
