import "server-only";
import { eq } from "drizzle-orm";
import { clearTierOverrideSchema } from "@/lib/domain/demo-controls/inputs";
import { writeAudit } from "@/lib/server/audit";
import { authorize } from "@/lib/server/auth/permissions";
import type { VerbArgs } from "@/lib/server/context";
import { demoTierOverrides } from "@/lib/server/db/schema";
import { NotFoundError } from "@/lib/server/errors";
import { showScoredTierAgain } from "@/lib/server/engagement/apply-tier-count-deltas";
import { parseInput } from "@/lib/server/parse-input";
import { lockClientInScope } from "@/lib/server/services/clients/client-rules";

/**
 * Ends a demo tier override before it runs out: the client shows their scored tier again. No event: going back is
 * the end of a demo, not a change any outreach should answer.
 */
export async function clearTierOverride({ ctx, input, now = new Date() }: VerbArgs<typeof clearTierOverrideSchema> & { now?: Date }) {
  authorize(ctx.actor, "demo.control");
  const { clientId } = parseInput(clearTierOverrideSchema, input);
  return ctx.db.transaction(async (tx) => {
    await lockClientInScope(tx, ctx, clientId);
    const [removed] = await tx.delete(demoTierOverrides).where(eq(demoTierOverrides.clientId, clientId)).returning();
    if (!removed) throw new NotFoundError("Tier override");
    await showScoredTierAgain(tx, [removed], now);
    await writeAudit(tx, ctx.actor, { action: "demo.tier_override.clear", entityType: "client", entityId: clientId, before: removed });
    return removed;
  });
}
