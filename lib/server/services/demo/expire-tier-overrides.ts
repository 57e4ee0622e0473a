import "server-only";
import { lte } from "drizzle-orm";
import { writeAudits } from "@/lib/server/audit";
import { authorize } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";
import { demoTierOverrides } from "@/lib/server/db/schema";
import { showScoredTierAgain } from "@/lib/server/engagement/apply-tier-count-deltas";

/**
 * The nightly sweep's clean-up: deletes demo tier overrides past their expiry, one audit row each. Pages already
 * ignore them from the moment they expire; this only keeps the table to the overrides that still count.
 */
export async function expireTierOverrides({ ctx, now = new Date() }: { ctx: ServiceContext; now?: Date }) {
  authorize(ctx.actor, "demo.control");
  return ctx.db.transaction(async (tx) => {
    const expired = await tx.delete(demoTierOverrides).where(lte(demoTierOverrides.expiresAt, now)).returning();
    // The overview's counts held them in the override's tier until now.
    await showScoredTierAgain(tx, expired, now);
    await writeAudits(
      tx,
      expired.map((row) => ({ actor: ctx.actor, action: "demo.tier_override.expire", entityType: "client", entityId: row.clientId, before: row })),
    );
    return expired.length;
  });
}
