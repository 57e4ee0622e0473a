import "server-only";
import { clientInputSchema } from "@/lib/domain/clients/client-input";
import { writeAudit } from "@/lib/server/audit";
import { authorize } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";
import { clients } from "@/lib/server/db/schema";
import { parseInput } from "@/lib/server/parse-input";
import { consentChangeAudit, profileColumns, resolveStylistId, rethrowDuplicateEmail } from "./client-rules";

export async function createClient({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  authorize(ctx.actor, "clients.create");
  const data = parseInput(clientInputSchema, input);
  const stylistId = await resolveStylistId(ctx, data.stylistId, null);
  try {
    return await ctx.db.transaction(async (tx) => {
      // Versioned now, so a sender's older profile or consent arriving later does not overwrite what was entered here.
      const now = new Date();
      const [created] = await tx.insert(clients).values({ ...profileColumns(data), stylistId, profileVersion: now, consentVersion: now }).returning();
      if (!created) throw new Error("insert returned no row");
      await writeAudit(tx, ctx.actor, { action: "client.create", entityType: "client", entityId: created.id, after: created });
      const consent = consentChangeAudit(created, null);
      if (consent) await writeAudit(tx, ctx.actor, consent);
      return created;
    });
  } catch (error) {
    return rethrowDuplicateEmail(error, ctx, data.email);
  }
}
