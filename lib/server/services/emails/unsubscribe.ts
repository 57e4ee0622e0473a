import "server-only";
import { CLIENT_UNSUBSCRIBED } from "@/lib/domain/email/discard-reasons";
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { IN_FLIGHT_STATES } from "@/lib/domain/email/lifecycle";
import { verifyUnsubscribeToken } from "@/lib/domain/email/unsubscribe-token";
import { consentAuditEntry } from "@/lib/domain/audit/consent";
import { writeAudit } from "@/lib/server/audit";
import { serverSecret } from "@/lib/server/auth/server-secret";
import type { VerbArgs } from "@/lib/server/context";
import { clients, emailSuppressions, winBackEmails } from "@/lib/server/db/schema";
import { normaliseAddress } from "@/lib/server/data/email-eligibility";
import { moveEmail } from "./email-rules";
import { NotFoundError } from "@/lib/server/errors";
import { parseInput } from "@/lib/server/parse-input";

export const unsubscribeSchema = z.object({ token: z.string().min(10, "The unsubscribe link is incomplete").max(300, "The unsubscribe link is not valid") });

/**
 * The recipient's own request, authorised by the signed token in their email (no sign-in): withdraws marketing
 * consent, suppresses the address and discards any email still on its way. Repeating it is harmless.
 */
export async function unsubscribe({ ctx, input }: VerbArgs<typeof unsubscribeSchema>) {
  const { token } = parseInput(unsubscribeSchema, input);
  const emailId = verifyUnsubscribeToken(token, serverSecret());
  if (!emailId) throw new NotFoundError("Unsubscribe link");
  return ctx.db.transaction(async (tx) => {
    const [email] = await tx.select().from(winBackEmails).where(eq(winBackEmails.id, emailId)).limit(1);
    if (!email) throw new NotFoundError("Unsubscribe link");
    const address = normaliseAddress(email.toAddress);
    await tx.insert(emailSuppressions).values({ address, reason: "unsubscribed", emailId }).onConflictDoNothing();
    // Versioned by the moment it was made, as any consent change is: a sender's older profile cannot give it back.
    const now = new Date();
    const withdrawn = await tx
      .update(clients)
      .set({ marketingConsent: false, consentVersion: now })
      .where(and(eq(clients.id, email.clientId), eq(clients.marketingConsent, true)))
      .returning({ id: clients.id, email: clients.email });
    const pending = await tx
      .select()
      .from(winBackEmails)
      .where(and(eq(winBackEmails.clientId, email.clientId), inArray(winBackEmails.state, IN_FLIGHT_STATES.filter((s) => s !== "sending"))))
      .for("update");
    for (const other of pending) await moveEmail(tx, ctx.actor, other, "discarded", { reason: CLIENT_UNSUBSCRIBED, set: { discardReason: CLIENT_UNSUBSCRIBED } });
    for (const client of withdrawn) {
      await writeAudit(tx, ctx.actor, consentAuditEntry({ clientId: client.id, email: client.email, before: true, after: false, version: now.toISOString() }, { via: "unsubscribe link" }));
    }
    await writeAudit(tx, ctx.actor, { action: "email.unsubscribe", entityType: "client", entityId: email.clientId, after: { address, consentWithdrawn: withdrawn.length > 0, discarded: pending.length } });
    return { address };
  });
}
