import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { approvalRefusal } from "@/lib/domain/email/lifecycle";
import { nextSendTime } from "@/lib/domain/email/sending-window";
import { writeAudit } from "@/lib/server/audit";
import { authorize } from "@/lib/server/auth/permissions";
import type { ServiceContext, VerbArgs } from "@/lib/server/context";
import type { Executor } from "@/lib/server/db/client";
import { clients } from "@/lib/server/db/schema";
import { assertShownAsIs, EmailChangedSinceShownError, lockEmailInScope, moveEmail, shownAtField } from "./email-rules";
import { AppError, ConflictError, NotFoundError } from "@/lib/server/errors";
import { parseInput } from "@/lib/server/parse-input";
import { withEvents } from "@/lib/server/events/outbox";
import { appEvent } from "@/inngest/events";
import { readSettings } from "@/lib/server/data/settings";

/** `shownAt`: the email as the approver last saw it (see assertShownAsIs); the editor's Approve passes what its save left. */
export const approveEmailSchema = z.object({ emailId: z.uuid("Unknown email"), shownAt: shownAtField });
/** `shownAt`: per email id, the email as the queue showed it; an email changed since is skipped as `changed`. */
export const approveEmailsSchema = z.object({
  emailIds: z.array(z.uuid("Unknown email")).min(1, "Choose at least one email").max(500, "Approve at most 500 at once"),
  shownAt: z.record(z.string(), shownAtField).default({}),
});

/**
 * Approves a draft and schedules it for the next moment inside the client's daytime window; the `email.approved`
 * event it commits with the change starts the send-email function, which sends it when due.
 */
export async function approveEmail({ ctx, input, now = new Date() }: VerbArgs<typeof approveEmailSchema> & { now?: Date }) {
  authorize(ctx.actor, "emails.write");
  const { emailId, shownAt } = parseInput(approveEmailSchema, input);
  return withEvents(ctx.db, async (tx, emit) => {
    const scheduled = await approveInTransaction(tx, ctx, emailId, now, shownAt);
    await emit(appEvent("rekindle/email.approved", { emailId }));
    return scheduled;
  });
}

/**
 * Approves many drafts in one transaction; those no longer drafts are skipped, those changed since the queue showed
 * them (edited in another tab) are skipped as `changed` (nobody approves words unseen), and ids the actor cannot see
 * are `missing`.
 */
export async function approveEmails({ ctx, input, now = new Date() }: VerbArgs<typeof approveEmailsSchema> & { now?: Date }) {
  authorize(ctx.actor, "emails.write");
  const { emailIds, shownAt } = parseInput(approveEmailsSchema, input);
  return withEvents(ctx.db, async (tx, emit) => {
    let approved = 0;
    const skipped: string[] = [];
    const changed: string[] = [];
    const missing: string[] = [];
    for (const emailId of [...new Set(emailIds)].sort()) {
      // A savepoint each: an email that can no longer be approved (or is out of scope) is skipped, not fatal.
      const outcome = await tx.transaction(async (inner) => approveInTransaction(inner, ctx, emailId, now, shownAt[emailId])).then(
        () => "approved" as const,
        (error: unknown) => {
          // Still a draft: its words changed. Approved, discarded or sent meanwhile: no longer a draft to approve.
          if (error instanceof EmailChangedSinceShownError) return error.stateNow === "draft" ? ("changed" as const) : ("skipped" as const);
          // Deleted since, or never the actor's to see (a guessed id): not found, like any out-of-scope id.
          if (error instanceof NotFoundError) return "missing" as const;
          if (error instanceof AppError) return "skipped" as const;
          throw error;
        },
      );
      if (outcome === "approved") {
        approved++;
        await emit(appEvent("rekindle/email.approved", { emailId }));
      } else ({ changed, missing, skipped })[outcome].push(emailId);
    }
    await writeAudit(tx, ctx.actor, { action: "email.bulk_approve", entityType: "email", after: { approved, skipped, changed, missing } });
    return { approved, skipped, changed, missing };
  });
}

async function approveInTransaction(tx: Executor, ctx: ServiceContext, emailId: string, now: Date, shownAt?: Date) {
  const email = await lockEmailInScope(tx, ctx.actor, emailId);
  assertShownAsIs(email, shownAt);
  const refusal = approvalRefusal(email.state);
  if (refusal) throw new ConflictError(refusal);
  const approved = await moveEmail(tx, ctx.actor, email, "approved", { set: { approvedAt: now } });
  const settings = await readSettings(tx, "win_back");
  const [client] = await tx.select({ timezone: clients.timezone }).from(clients).where(eq(clients.id, email.clientId)).limit(1);
  const scheduledFor = nextSendTime(now, client?.timezone ?? "UTC", { startHour: settings.sendWindowStartHour, endHour: settings.sendWindowEndHour });
  const scheduled = await moveEmail(tx, ctx.actor, approved, "scheduled", { set: { scheduledFor } });
  await writeAudit(tx, ctx.actor, { action: "email.approve", entityType: "email", entityId: emailId, after: { scheduledFor } });
  return scheduled;
}
