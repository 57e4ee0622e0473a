import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { writeAudit } from "@/lib/server/audit";
import { authorize } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";
import { apiKeys } from "@/lib/server/db/schema";
import { NotFoundError } from "@/lib/server/errors";
import { parseInput } from "@/lib/server/parse-input";

/** Revokes a key at once; requests signed with it are refused from then on. Revoking twice changes nothing. */
export async function revokeApiKey({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  authorize(ctx.actor, "apiKeys.manage");
  const { apiKeyId } = parseInput(z.object({ apiKeyId: z.uuid("Unknown key") }), input);
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(apiKeys).where(eq(apiKeys.id, apiKeyId)).for("update");
    if (!before) throw new NotFoundError("API key");
    if (before.revokedAt) return before;
    const [after] = await tx
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiKeys.id, apiKeyId), isNull(apiKeys.revokedAt)))
      .returning();
    const { secretHash: _b, ...beforeSafe } = before;
    await writeAudit(tx, ctx.actor, { action: "api_key.revoke", entityType: "api_key", entityId: apiKeyId, before: beforeSafe, after: { ...beforeSafe, revokedAt: after?.revokedAt } });
    return after ?? before;
  });
}
