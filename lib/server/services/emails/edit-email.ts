import "server-only";
import { z } from "zod";
import { draftEditSchema } from "@/lib/domain/email/draft-content";
import { editProblems } from "@/lib/domain/email/grounding";
import { writeAudit } from "@/lib/server/audit";
import { authorize } from "@/lib/server/auth/permissions";
import type { VerbArgs } from "@/lib/server/context";
import { winBackEmails } from "@/lib/server/db/schema";
import { editRefusal } from "@/lib/domain/email/lifecycle";
import { assertShownAsIs, lockEmailInScope, moveEmail, shownAtField } from "./email-rules";
import { ConflictError, ValidationError } from "@/lib/server/errors";
import { parseInput } from "@/lib/server/parse-input";
import { eq } from "drizzle-orm";
import { readSettings } from "@/lib/server/data/settings";

export const editEmailSchema = z.object({ emailId: z.uuid("Unknown email"), shownAt: shownAtField }).and(draftEditSchema);

/**
 * Saves a person's edit. An approved or scheduled email goes back to draft, to be approved again; an edit that
 * changes nothing changes nothing (no audit row, no step back to draft). Links stay ours, and offers the admin's
 * (see editProblems).
 */
export async function editEmail({ ctx, input }: VerbArgs<typeof editEmailSchema>) {
  authorize(ctx.actor, "emails.write");
  const { emailId, shownAt, ...edit } = parseInput(editEmailSchema, input);
  const { allowedOffers } = await readSettings(ctx.db, "win_back");
  return ctx.db.transaction(async (tx) => {
    const before = await lockEmailInScope(tx, ctx.actor, emailId);
    assertShownAsIs(before, shownAt);
    const refusal = editRefusal(before.state);
    if (refusal) throw new ConflictError(refusal, "state");
    const problems = editProblems(edit, allowedOffers, before);
    if (Object.keys(problems).length) throw new ValidationError(problems);
    if (JSON.stringify(pick({ ...before, ...edit })) === JSON.stringify(pick(before))) return before;
    const current = before.state === "draft" ? before : await moveEmail(tx, ctx.actor, before, "draft", { reason: "Edited after approval", set: { scheduledFor: null, approvedAt: null } });
    const [after] = await tx.update(winBackEmails).set(edit).where(eq(winBackEmails.id, emailId)).returning();
    await writeAudit(tx, ctx.actor, { action: "email.edit", entityType: "email", entityId: emailId, before: pick(before), after: after ? pick(after) : null });
    return after ?? current;
  });
}

const pick = (e: { subject: string; preheader: string; body: string; callToAction: string; state: string }) => ({ subject: e.subject, preheader: e.preheader, body: e.body, callToAction: e.callToAction, state: e.state });
