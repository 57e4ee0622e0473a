import "server-only";
import { clientInputSchema } from "@/lib/domain/clients/client-input";
import { writeAudit } from "@/lib/server/audit";
import { authorize } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";
import { clients } from "@/lib/server/db/schema";
import { parseInput } from "@/lib/server/parse-input";
import { profileColumns, resolveStylistId, rethrowDuplicateEmail } from "./client-rules";

export async function createClient({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  authorize(ctx.actor, "clients.create");
  const data = parseInput(clientInputSchema, input);
  const stylistId = await resolveStylistId(ctx, data.stylistId, null);
  try {
    return await ctx.db.transaction(async (tx) => {
      const [created] = await tx.insert(clients).values({ ...profileColumns(data), stylistId }).returning();
      if (!created) throw new Error("insert returned no row");
      await writeAudit(tx, ctx.actor, { action: "client.create", entityType: "client", entityId: created.id, after: created });
      return created;
    });
  } catch (error) {
    rethrowDuplicateEmail(error);
  }
}
