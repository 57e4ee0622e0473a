import "server-only";
import { and, eq, or } from "drizzle-orm";
import { z } from "zod";
import { DELIVERY_EVENTS, SENT_STATES, stateAfterEvent } from "@/lib/domain/email/lifecycle";
import { writeAudit } from "@/lib/server/audit";
import { authorize } from "@/lib/server/auth/permissions";
import type { VerbArgs } from "@/lib/server/context";
import { emailEvents, emailSuppressions, winBackEmails } from "@/lib/server/db/schema";
import { normaliseAddress } from "@/lib/server/data/email-eligibility";
import { moveEmail } from "./email-rules";
import { parseInput } from "@/lib/server/parse-input";
import { isPlausibleMoment } from "@/lib/domain/validation";

export const deliveryEventSchema = z.object({
  deliveryId: z.string().min(1).max(200),
  type: z.enum(DELIVERY_EVENTS),
  providerId: z.string().max(200).nullable(),
  emailId: z.uuid().nullable(),
  /** Resend's bounce type: only a permanent ("Permanent") bounce suppresses the address. */
  bounceType: z.string().max(60).nullable().default(null),
  /** When Resend says the event happened (its created_at): a send it reports is recorded at that moment. */
  // A time the database cannot hold or that has not come yet is left out (the event is recorded as received), not
  // refused: the event itself is real, and refusing it would have Resend send it again and again.
  occurredAt: z.coerce
    .date()
    .nullable()
    .default(null)
    .transform((at) => (at && isPlausibleMoment(at) ? at : null)),
  payload: z.unknown(),
});

/**
 * Records one delivery event from Resend and moves the email it names along. A replayed delivery (same id) changes
 * nothing; an event for an email we do not know is still stored. Hard bounces and complaints suppress the address.
 */
export async function recordDeliveryEvent({ ctx, input }: VerbArgs<typeof deliveryEventSchema>) {
  authorize(ctx.actor, "emails.write");
  const event = parseInput(deliveryEventSchema, input);
  return ctx.db.transaction(async (tx) => {
    const match = event.emailId ? eq(winBackEmails.id, event.emailId) : event.providerId ? eq(winBackEmails.providerId, event.providerId) : undefined;
    const [email] = match
      ? await tx
          .select()
          .from(winBackEmails)
          .where(event.emailId && event.providerId ? or(eq(winBackEmails.id, event.emailId), eq(winBackEmails.providerId, event.providerId)) : match)
          .for("update")
          .limit(1)
      : [];
    const inserted = await tx
      .insert(emailEvents)
      .values({ deliveryId: event.deliveryId, emailId: email?.id ?? null, providerId: event.providerId, type: event.type, payload: event.payload ?? {} })
      .onConflictDoNothing({ target: emailEvents.deliveryId })
      .returning({ id: emailEvents.id });
    if (inserted.length === 0) return { recorded: false, emailId: email?.id ?? null, state: email?.state ?? null };
    if (!email) return { recorded: true, emailId: null, state: null };
    // Only a failure we recorded (every answer from Resend lost) gives way to Resend's report of the send; a failure
    // Resend itself reported stands, whatever arrives after it.
    const failedAtResend = email.state === "failed" && (await tx.$count(emailEvents, and(eq(emailEvents.emailId, email.id), eq(emailEvents.type, "failed")))) > 0;
    const next = failedAtResend ? null : stateAfterEvent(email.state, event.type);
    // Resend can report the send before ours is recorded (its answer lost, or our commit still to come), or after we
    // recorded it failed (every attempt's answer lost): the send's facts then come with the event, or the gap between
    // emails would not count this email as sent.
    const now = new Date();
    const sentAt = event.occurredAt && event.occurredAt < now ? event.occurredAt : now;
    const sendFacts = next && SENT_STATES.includes(next) && !email.sentAt ? { sentAt, providerId: event.providerId ?? email.providerId, transport: "resend", lastError: null } : undefined;
    const moved = next ? await moveEmail(tx, ctx.actor, email, next, { reason: `Resend: ${event.type}`, set: sendFacts }) : email;
    const suppress = event.type === "complained" ? "complained" : event.type === "bounced" && (event.bounceType ?? "Permanent") === "Permanent" ? "bounced" : null;
    if (suppress) {
      await tx.insert(emailSuppressions).values({ address: normaliseAddress(email.toAddress), reason: suppress, emailId: email.id }).onConflictDoNothing();
      await writeAudit(tx, ctx.actor, { action: "email.suppress", entityType: "email", entityId: email.id, after: { reason: suppress } });
    }
    return { recorded: true, emailId: email.id, state: moved.state };
  });
}
