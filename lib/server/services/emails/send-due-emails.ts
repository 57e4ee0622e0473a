import "server-only";
import { and, asc, eq, lte } from "drizzle-orm";
import { z } from "zod";
import { appEvent } from "@/inngest/events";
import { writeAudit } from "@/lib/server/audit";
import { authorize } from "@/lib/server/auth/permissions";
import type { VerbArgs } from "@/lib/server/context";
import { winBackEmails } from "@/lib/server/db/schema";
import { withEvents } from "@/lib/server/events/outbox";
import { parseInput } from "@/lib/server/parse-input";

export const sendDueSchema = z.object({ limit: z.number().int().min(1).max(10_000).default(500) });

/**
 * Hands every scheduled email whose time has come to the send-email function again (a catch-up: approval already
 * did, so a run that finished or failed is started anew). The function paces the sends and re-checks each one; an
 * email already sent is skipped there, so asking twice sends nothing twice.
 */
export async function sendDueEmails({ ctx, input, now = new Date() }: VerbArgs<typeof sendDueSchema> & { now?: Date }) {
  authorize(ctx.actor, "emails.write");
  const { limit } = parseInput(sendDueSchema, input);
  return withEvents(ctx.db, async (tx, emit) => {
    const due = await tx
      .select({ id: winBackEmails.id })
      .from(winBackEmails)
      .where(and(eq(winBackEmails.state, "scheduled"), lte(winBackEmails.scheduledFor, now)))
      .orderBy(asc(winBackEmails.scheduledFor))
      .limit(limit);
    await emit(...due.map(({ id }) => appEvent("rekindle/email.approved", { emailId: id })));
    await writeAudit(tx, ctx.actor, { action: "email.send_due", entityType: "email", after: { queued: due.length } });
    return { queued: due.length };
  });
}
