import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { nextSendTime } from "@/lib/domain/email/sending-window";
import { writeAudit } from "@/lib/server/audit";
import { authorize } from "@/lib/server/auth/permissions";
import type { VerbArgs } from "@/lib/server/context";
import { clients, users, type WinBackEmail, winBackEmails } from "@/lib/server/db/schema";
import { composeWinBack } from "@/lib/server/emails/compose-win-back";
import { clientEligibility, lockEmailInScope, moveEmail } from "@/lib/server/emails/email-rules";
import { sendEmail } from "@/lib/server/mail/send-email";
import { parseInput } from "@/lib/server/parse-input";
import { readSettings } from "@/lib/server/data/settings";

export const sendSchema = z.object({ emailId: z.uuid("Unknown email") });

export type SendOutcome =
  | { outcome: "sent"; email: WinBackEmail }
  | { outcome: "deferred"; until: Date }
  | { outcome: "blocked"; reason: string }
  | { outcome: "failed"; error: string }
  | { outcome: "skipped"; state: WinBackEmail["state"] };

const SENDABLE: readonly WinBackEmail["state"][] = ["approved", "scheduled", "sending"];

/**
 * Sends one scheduled email. The guards (consent, suppression, frequency, state) run again right before delivery;
 * outside the client's daytime the email waits for the window. A crash after "sending" is safe to retry: the
 * idempotency key makes Resend (or the local mailbox) deliver it once. An email already sent, or discarded meanwhile,
 * is skipped. A delivery fault marks the email failed, unless `finalAttempt` is false: then the fault is thrown and
 * the email stays "sending", for the caller's retry (an Inngest step) to send it again under the same key.
 */
export async function sendWinBackEmail({ ctx, input, now = new Date(), finalAttempt = true }: VerbArgs<typeof sendSchema> & { now?: Date; finalAttempt?: boolean }): Promise<SendOutcome> {
  authorize(ctx.actor, "emails.write");
  const { emailId } = parseInput(sendSchema, input);
  const [winBack, policy] = await Promise.all([readSettings(ctx.db, "win_back"), readSettings(ctx.db, "email_policy")]);

  const claimed = await ctx.db.transaction(async (tx): Promise<SendOutcome | { outcome: "claimed"; email: WinBackEmail; signature: string }> => {
    const email = await lockEmailInScope(tx, ctx.actor, emailId);
    if (!SENDABLE.includes(email.state)) return { outcome: "skipped", state: email.state };
    const [client] = await tx
      .select({ timezone: clients.timezone, address: clients.email, signature: users.emailSignature, stylistName: users.name })
      .from(clients)
      .leftJoin(users, eq(users.id, clients.stylistId))
      .where(eq(clients.id, email.clientId))
      .limit(1);
    if (!client) return { outcome: "blocked", reason: "The client no longer exists." };
    const signature = client.signature || client.stylistName || policy.senderName;
    if (email.state === "sending") return { outcome: "claimed", email, signature };
    const eligibility = await clientEligibility(tx, { clientId: email.clientId, excludeEmailId: email.id, minDaysBetweenEmails: policy.minDaysBetweenEmails, now });
    if (!eligibility.eligible) {
      await moveEmail(tx, ctx.actor, email, "discarded", { reason: `Not sent: ${eligibility.message}`, set: { discardReason: eligibility.message } });
      await writeAudit(tx, ctx.actor, { action: "email.send_blocked", entityType: "email", entityId: email.id, after: { reason: eligibility.reason } });
      return { outcome: "blocked", reason: eligibility.message };
    }
    const opensAt = nextSendTime(now, client.timezone, { startHour: winBack.sendWindowStartHour, endHour: winBack.sendWindowEndHour });
    if (opensAt.getTime() > now.getTime()) {
      if (email.state === "approved") await moveEmail(tx, ctx.actor, email, "scheduled", { set: { scheduledFor: opensAt } });
      else await tx.update(winBackEmails).set({ scheduledFor: opensAt }).where(eq(winBackEmails.id, email.id));
      return { outcome: "deferred", until: opensAt };
    }
    // The address the client has now: an edit of the client since drafting wins.
    const sending = await moveEmail(tx, ctx.actor, email, "sending", { set: { toAddress: client.address } });
    return { outcome: "claimed", email: sending, signature };
  });
  if (claimed.outcome !== "claimed") return claimed;

  const { email } = claimed;
  try {
    const outgoing = await composeWinBack(email, claimed.signature, winBack, policy);
    const sent = await sendEmail(outgoing);
    const done = await ctx.db.transaction(async (tx) => {
      const current = await lockEmailInScope(tx, ctx.actor, email.id);
      // A webhook may already have moved it on (delivered before we recorded the send).
      if (current.state !== "sending") return current;
      const after = await moveEmail(tx, ctx.actor, current, "sent", { set: { sentAt: new Date(), providerId: sent.id, transport: sent.transport, lastError: null } });
      await writeAudit(tx, ctx.actor, { action: "email.send", entityType: "email", entityId: email.id, after: { providerId: sent.id, transport: sent.transport } });
      return after;
    });
    return { outcome: "sent", email: done };
  } catch (error) {
    if (!finalAttempt) throw error;
    const message = error instanceof Error ? error.message : String(error);
    await ctx.db.transaction(async (tx) => {
      const current = await lockEmailInScope(tx, ctx.actor, email.id);
      if (current.state !== "sending") return;
      await moveEmail(tx, ctx.actor, current, "failed", { reason: message, set: { lastError: message } });
      await writeAudit(tx, ctx.actor, { action: "email.send_failed", entityType: "email", entityId: email.id, after: { error: message } });
    });
    return { outcome: "failed", error: message };
  }
}
