import "server-only";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { effectiveTier } from "@/lib/domain/demo-controls/effective-tier";
import { isHeldOut } from "@/lib/domain/email/holdout";
import { isWinBackTier, outreachRoute, type OutreachRoute, stylistHandlingWait } from "@/lib/domain/email/outreach";
import { writeAudit } from "@/lib/server/audit";
import { authorize } from "@/lib/server/auth/permissions";
import type { VerbArgs } from "@/lib/server/context";
import { readSettings } from "@/lib/server/data/settings";
import { clients, clientScores, demoTierOverrides, outreachAssignments } from "@/lib/server/db/schema";
import { clientEligibility, stylistHandlingOf } from "@/lib/server/data/email-eligibility";
import { NotFoundError } from "@/lib/server/errors";
import { parseInput } from "@/lib/server/parse-input";

export const assignOutreachSchema = z.object({
  clientId: z.uuid("Unknown client"),
  /** When the client entered the tier (the tier change, or their first score): one outreach per entry. */
  enteredAt: z.coerce.date(),
});

export type OutreachAssignment =
  | { outcome: "not_win_back"; tier: string | null }
  | { outcome: "ineligible"; reason: string }
  | { outcome: "no_draft_by_policy" }
  | { outcome: "holdout"; assignmentId: string }
  | { outcome: "emailed"; assignmentId: string; emailId: string | null; route: OutreachRoute };

/**
 * The first steps of outreach for a client who entered at risk or lapsed (whatever the score, 0 included):
 * eligibility, then the deterministic holdout, recorded as an assignment (held out or emailed) with the route the
 * email policy gives. A tier the policy drafts nothing for is not assigned at all: its "emailed" clients would get
 * no email, and counting them would measure the policy's silence, not the emails. Repeating it for the same entry
 * answers the assignment already made, so a retried step carries on where it stopped.
 */
export async function assignOutreach({ ctx, input, now = new Date() }: VerbArgs<typeof assignOutreachSchema> & { now?: Date }): Promise<OutreachAssignment> {
  authorize(ctx.actor, "emails.write");
  const { clientId, enteredAt } = parseInput(assignOutreachSchema, input);
  const [score] = await ctx.db
    .select({ tier: clientScores.tier, score: clientScores.score, override: { tier: demoTierOverrides.tier, expiresAt: demoTierOverrides.expiresAt } })
    .from(clientScores)
    .leftJoin(demoTierOverrides, eq(demoTierOverrides.clientId, clientScores.clientId))
    .where(eq(clientScores.clientId, clientId))
    .limit(1);
  if (!score) throw new NotFoundError("Client");
  // A demo override (Settings → Demo) stands in for the scored tier while it lasts, so a demo shows the outreach that follows.
  const tier = effectiveTier(score.tier, score.override, now);
  // An entry the override made, not the scores: recorded as outreach does any, never measured (see the demo column).
  const demo = tier !== score.tier;
  if (!tier || !isWinBackTier(tier)) return { outcome: "not_win_back", tier };
  const [policy, settings] = await Promise.all([readSettings(ctx.db, "email_policy"), readSettings(ctx.db, "win_back")]);
  const route = outreachRoute(tier, policy);

  return ctx.db.transaction(async (tx): Promise<OutreachAssignment> => {
    // One decision at a time per client: two entries assigned at once would both see no earlier assignment (each
    // would count as the client's first) and pass the eligibility checks side by side.
    await tx.select({ id: clients.id }).from(clients).where(eq(clients.id, clientId)).for("no key update");
    const [existing] = await tx
      .select()
      .from(outreachAssignments)
      .where(and(eq(outreachAssignments.clientId, clientId), eq(outreachAssignments.enteredAt, enteredAt)))
      .limit(1);
    if (existing) return existing.group === "holdout" ? { outcome: "holdout", assignmentId: existing.id } : { outcome: "emailed", assignmentId: existing.id, emailId: existing.emailId, route };
    if (route === "none") return { outcome: "no_draft_by_policy" };
    const eligibility = await clientEligibility(tx, { clientId, minDaysBetweenEmails: policy.minDaysBetweenEmails, now });
    if (!eligibility.eligible) return { outcome: "ineligible", reason: eligibility.message };
    const wait = stylistHandlingWait(await stylistHandlingOf(tx, clientId), { now, minDaysBetweenEmails: policy.minDaysBetweenEmails });
    if (wait) return { outcome: "ineligible", reason: wait.reason };
    const group = isHeldOut({ seed: settings.holdoutSeed, clientId, tier, share: settings.holdoutShare }) ? "holdout" : "emailed";
    const [row] = await tx
      .insert(outreachAssignments)
      .values({ clientId, tier, group, holdoutShare: settings.holdoutShare, demo, score: score.score, enteredAt, assignedAt: now })
      .onConflictDoNothing()
      .returning({ id: outreachAssignments.id });
    // A concurrent run for the same entry won the insert: it carries on, this one stops.
    if (!row) return { outcome: "ineligible", reason: "Outreach for this entry is already under way." };
    await writeAudit(tx, ctx.actor, { action: "outreach.assign", entityType: "client", entityId: clientId, after: { tier, group, holdoutShare: settings.holdoutShare, demo, score: score.score } });
    return group === "holdout" ? { outcome: "holdout", assignmentId: row.id } : { outcome: "emailed", assignmentId: row.id, emailId: null, route };
  });
}
