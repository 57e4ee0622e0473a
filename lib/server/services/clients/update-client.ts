import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { clientInputSchema } from "@/lib/domain/clients/client-input";
import { changedFields } from "@/lib/domain/audit/changes";
import { writeAudit } from "@/lib/server/audit";
import { authorize } from "@/lib/server/auth/permissions";
import { withEvents } from "@/lib/server/events/outbox";
import { appEvent } from "@/inngest/events";
import type { VerbArgs } from "@/lib/server/context";
import { clients } from "@/lib/server/db/schema";
import { parseInput } from "@/lib/server/parse-input";
import { consentChangeAudit, lockClientInScope, profileColumns, resolveStylistId, rethrowDuplicateEmail } from "./client-rules";

export const updateClientSchema = z.object({ clientId: z.uuid("Unknown client") }).and(clientInputSchema);

export async function updateClient({ ctx, input }: VerbArgs<typeof updateClientSchema>) {
  authorize(ctx.actor, "clients.update");
  const { clientId, ...data } = parseInput(updateClientSchema, input);
  try {
    return await withEvents(ctx.db, async (tx, emit) => {
      const before = await lockClientInScope(tx, ctx, clientId);
      const stylistId = await resolveStylistId({ ...ctx, db: tx }, data.stylistId, before.stylistId);
      // Versioned now, as a sender's change would be; the consent's version moves only when the consent does.
      const now = new Date();
      const consentChanged = data.marketingConsent !== before.marketingConsent;
      const [after] = await tx
        .update(clients)
        .set({ ...profileColumns(data), stylistId, profileVersion: now, ...(consentChanged ? { consentVersion: now } : {}) })
        .where(eq(clients.id, clientId))
        .returning();
      // Saving the form unchanged (or with the styles in another order) is not a change worth a line in the log.
      if (changedFields(before, after).length) await writeAudit(tx, ctx.actor, { action: "client.update", entityType: "client", entityId: clientId, before, after });
      const consent = after && consentChangeAudit(after, before.marketingConsent);
      if (consent) await writeAudit(tx, ctx.actor, consent);
      await emit(appEvent("rekindle/client.profile-updated", { clientId }));
      return after ?? before;
    });
  } catch (error) {
    return rethrowDuplicateEmail(error, ctx, data.email);
  }
}
