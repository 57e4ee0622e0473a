import "server-only";
import { logContactSchema } from "@/lib/domain/today/contact-input";
import { writeAudit } from "@/lib/server/audit";
import { authorize } from "@/lib/server/auth/permissions";
import type { VerbArgs } from "@/lib/server/context";
import { clientContacts } from "@/lib/server/db/schema";
import { parseInput } from "@/lib/server/parse-input";
import { lockClientInScope } from "@/lib/server/services/clients/client-rules";

/**
 * Records contact a stylist made outside Rekindle's emails (a call to a client who gave no email consent, say): the
 * client leaves Today as after an email, counts as handled this week (a trigger, 0036), and the timeline shows it from
 * the audit row. A client outside the actor's scope is not found.
 */
export async function logContact({ ctx, input, now = new Date() }: VerbArgs<typeof logContactSchema> & { now?: Date }) {
  authorize(ctx.actor, "clients.update");
  const { clientId, channel, note: written } = parseInput(logContactSchema, input);
  const note = written || null;
  return ctx.db.transaction(async (tx) => {
    await lockClientInScope(tx, ctx, clientId);
    const [contact] = await tx
      .insert(clientContacts)
      .values({ clientId, channel, note, loggedBy: ctx.actor.type === "user" ? ctx.actor.id : null, contactedAt: now })
      .returning();
    if (!contact) throw new Error("The contact was not saved");
    await writeAudit(tx, ctx.actor, { action: "client.contact", entityType: "client", entityId: clientId, after: { channel, note } });
    return contact;
  });
}
