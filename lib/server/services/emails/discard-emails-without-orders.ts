import "server-only";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import { NO_ORDERS_LEFT } from "@/lib/domain/email/discard-reasons";
import { assertTransition, IN_FLIGHT_STATES } from "@/lib/domain/email/lifecycle";
import { writeAudits } from "@/lib/server/audit";
import { authorize } from "@/lib/server/auth/permissions";
import type { VerbArgs } from "@/lib/server/context";
import { clients, winBackEmails } from "@/lib/server/db/schema";
import { parseInput } from "@/lib/server/parse-input";
import { recordTransitions } from "./email-rules";

/** Every state an email waits in before its send; one being sent is left to its send. */
const WAITING = IN_FLIGHT_STATES.filter((state) => state !== "sending");

export const discardEmailsWithoutOrdersSchema = z.object({
  /** The clients to look at (a rescoring's); every client when left out (the nightly sweep). */
  clientIds: z.array(z.uuid("Unknown client")).max(5_000).optional(),
});

/**
 * Discards the emails still on their way (a draft waiting for review, an approved or scheduled one) of clients with no
 * order left: none, or only cancelled ones. A win-back email would recall a fix that never happened, and its send
 * would stop it anyway (never_ordered); until then the queue would offer it for approval. Run after the rescoring
 * that follows a cancellation, and nightly for what another path left (a full run, an import). Set-based and in
 * id order, as the send and bulk approval lock emails, so it never waits on them in a cycle; repeating it finds
 * nothing left to discard.
 */
export async function discardEmailsWithoutOrders({ ctx, input }: VerbArgs<typeof discardEmailsWithoutOrdersSchema>): Promise<number> {
  authorize(ctx.actor, "emails.write");
  const { clientIds } = parseInput(discardEmailsWithoutOrdersSchema, input);
  if (clientIds?.length === 0) return 0;
  return ctx.db.transaction(async (tx) => {
    const pending = await tx
      .select({ id: winBackEmails.id, state: winBackEmails.state })
      .from(winBackEmails)
      .innerJoin(clients, eq(clients.id, winBackEmails.clientId))
      .where(and(isNull(clients.lastOrderAt), inArray(winBackEmails.state, WAITING), clientIds ? inArray(winBackEmails.clientId, clientIds) : undefined))
      .orderBy(asc(winBackEmails.id))
      .for("update", { of: winBackEmails });
    if (pending.length === 0) return 0;
    for (const email of pending) assertTransition(email.state, "discarded");
    await tx
      .update(winBackEmails)
      .set({ state: "discarded", discardReason: NO_ORDERS_LEFT })
      .where(inArray(winBackEmails.id, pending.map((email) => email.id)));
    await recordTransitions(tx, ctx.actor, pending.map((email) => ({ emailId: email.id, from: email.state, to: "discarded", reason: NO_ORDERS_LEFT })));
    await writeAudits(
      tx,
      pending.map((email) => ({ actor: ctx.actor, action: "email.discard", entityType: "email", entityId: email.id, before: { state: email.state }, after: { state: "discarded", reason: NO_ORDERS_LEFT } })),
    );
    return pending.length;
  });
}
