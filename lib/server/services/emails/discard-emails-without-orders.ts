import "server-only";
import { and, inArray, isNull } from "drizzle-orm";
import type { Actor } from "@/lib/domain/access/policy";
import { NO_ORDERS_LEFT } from "@/lib/domain/email/discard-reasons";
import { IN_FLIGHT_STATES } from "@/lib/domain/email/lifecycle";
import { writeAudit } from "@/lib/server/audit";
import type { Executor } from "@/lib/server/db/client";
import { clients, winBackEmails } from "@/lib/server/db/schema";
import { moveEmail } from "./email-rules";

/**
 * Discards the emails still on their way (a draft waiting for review, an approved or scheduled one) of those of the
 * given clients who have no order left: their only orders were cancelled, so a win-back email would recall a fix that
 * never happened, and the send would stop it anyway (never_ordered). Part of the rescoring that found them without
 * orders, in its transaction, so the review queue never offers them. An email being sent is left to its send.
 */
export async function discardEmailsWithoutOrders(tx: Executor, actor: Actor, clientIds: readonly string[]): Promise<number> {
  if (clientIds.length === 0) return 0;
  const orderless = tx.select({ id: clients.id }).from(clients).where(and(inArray(clients.id, [...clientIds]), isNull(clients.lastOrderAt)));
  const pending = await tx
    .select()
    .from(winBackEmails)
    .where(and(inArray(winBackEmails.clientId, orderless), inArray(winBackEmails.state, IN_FLIGHT_STATES.filter((state) => state !== "sending"))))
    .for("update");
  for (const email of pending) {
    await moveEmail(tx, actor, email, "discarded", { reason: NO_ORDERS_LEFT, set: { discardReason: NO_ORDERS_LEFT } });
    await writeAudit(tx, actor, { action: "email.discard", entityType: "email", entityId: email.id, before: { state: email.state }, after: { state: "discarded", reason: NO_ORDERS_LEFT } });
  }
  return pending.length;
}
