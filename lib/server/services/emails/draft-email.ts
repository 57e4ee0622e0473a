import "server-only";
import { REPLACED_BY_NEW_DRAFT } from "@/lib/domain/email/discard-reasons";
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { DraftStreamEvent } from "@/lib/server/ai/write-draft";
import { writeDraftNow, writeDraft } from "@/lib/server/ai/write-draft";
import { bodyOf } from "@/lib/domain/email/draft-content";
import { IN_FLIGHT_STATES } from "@/lib/domain/email/lifecycle";
import { writeAudit } from "@/lib/server/audit";
import { authorize } from "@/lib/server/auth/permissions";
import type { VerbArgs } from "@/lib/server/context";
import { outreachAssignments, type WinBackEmail, winBackEmails } from "@/lib/server/db/schema";
import type { Executor } from "@/lib/server/db/client";
import { loadWriterFacts } from "@/lib/server/emails/client-facts";
import { assertShownAsIs, isOneInFlightViolation, lockEmailInScope, moveEmail, recordTransition, shownAtField } from "./email-rules";
import { ConflictError, NotFoundError } from "@/lib/server/errors";
import { parseInput } from "@/lib/server/parse-input";
import { lockClientInScope } from "@/lib/server/services/clients/client-rules";

export const draftEmailSchema = z.object({
  clientId: z.uuid("Unknown client"),
  /** Regenerate: the client's current draft is discarded in favour of the new one. */
  replace: z.boolean().default(false),
  /** Regenerate from a page: the email it replaces as that page showed it (see assertShownAsIs). */
  shownAt: shownAtField,
  /** Outreach: the assignment this draft answers. Drafting for it again answers the draft already made. */
  assignmentId: z.uuid().optional(),
});

type DraftOptions = { signal?: AbortSignal; onEvent?: (event: DraftStreamEvent) => void; origin?: "stylist" | "outreach" };

/**
 * Writes a win-back draft for one client (streamed to `onEvent` as it is written) and saves it in the draft state.
 * A client has at most one email on its way: drafting while one exists is a conflict unless `replace` is set.
 */
export async function draftEmail({ ctx, input, signal, onEvent, origin = "stylist" }: VerbArgs<typeof draftEmailSchema> & DraftOptions) {
  authorize(ctx.actor, "emails.write");
  const { clientId, replace, assignmentId, shownAt } = parseInput(draftEmailSchema, input);
  const earlier = assignmentId ? await draftOfAssignment(ctx.db, assignmentId) : null;
  if (earlier) return earlier;
  // Regenerating: the draft on its way is being turned down too, so the writer hears of it before writing.
  const { facts, client, policy } = await loadWriterFacts(ctx, clientId, { replacing: replace });
  let written;
  if (onEvent) {
    for await (const event of writeDraft(facts, { modelId: policy.aiModel, signal })) {
      onEvent(event);
      if (event.type === "done") written = event;
    }
  } else {
    written = await writeDraftNow(facts, { modelId: policy.aiModel, signal });
  }
  if (!written) throw new Error("The writer ended without a draft");
  const draft = written;
  try {
    return await ctx.db.transaction(async (tx) => {
      await lockClientInScope(tx, ctx, clientId);
      if (assignmentId) {
        const [assignment] = await tx.select({ emailId: outreachAssignments.emailId }).from(outreachAssignments).where(eq(outreachAssignments.id, assignmentId)).for("update");
        if (!assignment) throw new NotFoundError("Outreach assignment");
        const made = await draftOfAssignment(tx, assignmentId);
        if (made) return made;
      }
      const current = await tx
        .select({ id: winBackEmails.id })
        .from(winBackEmails)
        .where(and(eq(winBackEmails.clientId, clientId), inArray(winBackEmails.state, [...IN_FLIGHT_STATES])));
      for (const { id } of current) {
        if (!replace) throw new ConflictError("This client already has an email on its way. Edit or discard it first.", "clientId");
        const existing = await lockEmailInScope(tx, ctx.actor, id);
        assertShownAsIs(existing, shownAt);
        await moveEmail(tx, ctx.actor, existing, "discarded", { reason: REPLACED_BY_NEW_DRAFT, set: { discardReason: REPLACED_BY_NEW_DRAFT } });
      }
      const [email] = await tx
        .insert(winBackEmails)
        .values({
          clientId,
          state: "draft",
          origin,
          tier: facts.tier,
          subject: draft.content.subject,
          preheader: draft.content.preheader,
          body: bodyOf(draft.content.paragraphs),
          callToAction: draft.content.callToAction,
          factsUsed: draft.content.factsUsed,
          writer: draft.writer,
          model: draft.model,
          writerNote: draft.note,
          toAddress: client.email,
          createdBy: ctx.actor.type === "user" ? ctx.actor.id : null,
        })
        .returning();
      if (!email) throw new Error("insert returned no email");
      await recordTransition(tx, ctx.actor, email.id, null, "draft", draft.note);
      if (assignmentId) await tx.update(outreachAssignments).set({ emailId: email.id }).where(eq(outreachAssignments.id, assignmentId));
      await writeAudit(tx, ctx.actor, { action: "email.draft", entityType: "email", entityId: email.id, after: { clientId, writer: draft.writer, model: draft.model, subject: email.subject } });
      return email;
    });
  } catch (error) {
    if (isOneInFlightViolation(error)) throw new ConflictError("This client already has an email on its way. Edit or discard it first.", "clientId");
    throw error;
  }
}

/** The email an outreach assignment already has, so a repeated draft step does not write a second one. */
async function draftOfAssignment(db: Executor, assignmentId: string): Promise<WinBackEmail | null> {
  const [row] = await db
    .select({ email: winBackEmails })
    .from(outreachAssignments)
    .innerJoin(winBackEmails, eq(winBackEmails.id, outreachAssignments.emailId))
    .where(eq(outreachAssignments.id, assignmentId))
    .limit(1);
  return row?.email ?? null;
}
