import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { DraftStreamEvent } from "@/lib/server/ai/write-draft";
import { writeDraftNow, writeDraft } from "@/lib/server/ai/write-draft";
import { bodyOf } from "@/lib/domain/email/draft-content";
import { IN_FLIGHT_STATES } from "@/lib/domain/email/lifecycle";
import { writeAudit } from "@/lib/server/audit";
import { authorize } from "@/lib/server/auth/permissions";
import type { VerbArgs } from "@/lib/server/context";
import { winBackEmails } from "@/lib/server/db/schema";
import { loadWriterFacts } from "@/lib/server/emails/client-facts";
import { isOneInFlightViolation, lockEmailInScope, moveEmail, recordTransition } from "@/lib/server/emails/email-rules";
import { ConflictError } from "@/lib/server/errors";
import { parseInput } from "@/lib/server/parse-input";
import { lockClientInScope } from "@/lib/server/services/clients/client-rules";

export const draftEmailSchema = z.object({
  clientId: z.uuid("Unknown client"),
  /** Regenerate: the client's current draft is discarded in favour of the new one. */
  replace: z.boolean().default(false),
});

type DraftOptions = { signal?: AbortSignal; onEvent?: (event: DraftStreamEvent) => void; origin?: "stylist" | "outreach" };

/**
 * Writes a win-back draft for one client (streamed to `onEvent` as it is written) and saves it in the draft state.
 * A client has at most one email on its way: drafting while one exists is a conflict unless `replace` is set.
 */
export async function draftEmail({ ctx, input, signal, onEvent, origin = "stylist" }: VerbArgs<typeof draftEmailSchema> & DraftOptions) {
  authorize(ctx.actor, "emails.write");
  const { clientId, replace } = parseInput(draftEmailSchema, input);
  const { facts, client, policy } = await loadWriterFacts(ctx, clientId);
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
      const current = await tx
        .select({ id: winBackEmails.id })
        .from(winBackEmails)
        .where(and(eq(winBackEmails.clientId, clientId), inArray(winBackEmails.state, [...IN_FLIGHT_STATES])));
      for (const { id } of current) {
        if (!replace) throw new ConflictError("This client already has an email on its way. Edit or discard it first.", "clientId");
        const existing = await lockEmailInScope(tx, ctx.actor, id);
        await moveEmail(tx, ctx.actor, existing, "discarded", { reason: "Replaced by a new draft", set: { discardReason: "Replaced by a new draft" } });
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
      await writeAudit(tx, ctx.actor, { action: "email.draft", entityType: "email", entityId: email.id, after: { clientId, writer: draft.writer, model: draft.model, subject: email.subject } });
      return email;
    });
  } catch (error) {
    if (isOneInFlightViolation(error)) throw new ConflictError("This client already has an email on its way. Edit or discard it first.", "clientId");
    throw error;
  }
}
