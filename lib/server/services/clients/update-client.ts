import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { clientInputSchema } from "@/lib/domain/clients/client-input";
import { writeAudit } from "@/lib/server/audit";
import { authorize } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";
import { clients } from "@/lib/server/db/schema";
import { parseInput } from "@/lib/server/parse-input";
import { consentChangeAudit, lockClientInScope, profileColumns, resolveStylistId, rethrowDuplicateEmail } from "./client-rules";

const updateClientSchema = z.object({ clientId: z.uuid("Unknown client") }).and(clientInputSchema);

export async function updateClient({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  authorize(ctx.actor, "clients.update");
  const { clientId, ...data } = parseInput(updateClientSchema, input);
  try {
    return await ctx.db.transaction(async (tx) => {
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
      await writeAudit(tx, ctx.actor, { action: "client.update", entityType: "client", entityId: clientId, before, after });
      const consent = after && consentChangeAudit(after, before.marketingConsent);
      if (consent) await writeAudit(tx, ctx.actor, consent);
      return after ?? before;
    });
  } catch (error) {
    return rethrowDuplicateEmail(error, ctx, data.email);
  }
}
