import "server-only";
import { eq } from "drizzle-orm";
import { appEvent } from "@/inngest/events";
import { effectiveTier } from "@/lib/domain/demo-controls/effective-tier";
import { tierOverrideSchema } from "@/lib/domain/demo-controls/inputs";
import { writeAudit } from "@/lib/server/audit";
import { authorize } from "@/lib/server/auth/permissions";
import type { VerbArgs } from "@/lib/server/context";
import { clientScores, demoTierOverrides } from "@/lib/server/db/schema";
import { ConflictError } from "@/lib/server/errors";
import { withEvents } from "@/lib/server/events/outbox";
import { applyTierMoves } from "@/lib/server/engagement/apply-tier-count-deltas";
import { parseInput } from "@/lib/server/parse-input";
import { lockClientInScope } from "@/lib/server/services/clients/client-rules";

const DAY_MS = 86_400_000;

const NOT_SCORED_MESSAGE = "This client has no score yet, so no tier to override: a score comes with their first order (or a rescoring, for one who has orders).";

/**
 * Demo control: shows one client in another tier for a few days. The override sits beside the scores (pages show it,
 * marked), and when it moves the tier the pages show it emits the tier-changed event a rescoring would, so whatever
 * follows a real change (win-back outreach) follows. Setting it again replaces the earlier one.
 */
export async function overrideClientTier({ ctx, input, now = new Date() }: VerbArgs<typeof tierOverrideSchema> & { now?: Date }) {
  authorize(ctx.actor, "demo.control");
  const { clientId, tier, days } = parseInput(tierOverrideSchema, input);
  return withEvents(ctx.db, async (tx, emit) => {
    await lockClientInScope(tx, ctx, clientId);
    const [scored] = await tx.select({ tier: clientScores.tier, score: clientScores.score }).from(clientScores).where(eq(clientScores.clientId, clientId));
    if (!scored?.tier || scored.score === null) throw new ConflictError(NOT_SCORED_MESSAGE, "clientId");
    const [earlier] = await tx.select().from(demoTierOverrides).where(eq(demoTierOverrides.clientId, clientId));
    const shown = effectiveTier(scored.tier, earlier, now) ?? scored.tier;
    const values = { clientId, tier, fromTier: shown, setBy: ctx.actor.type === "user" ? ctx.actor.id : null, createdAt: now, expiresAt: new Date(now.getTime() + days * DAY_MS) };
    const [override] = await tx.insert(demoTierOverrides).values(values).onConflictDoUpdate({ target: demoTierOverrides.clientId, set: values }).returning();
    if (!override) throw new Error("The tier override was not saved");
    await writeAudit(tx, ctx.actor, { action: "demo.tier_override.set", entityType: "client", entityId: clientId, before: earlier ?? null, after: { ...override, days } });
    // The overview's tier counts show the override too, moved in the same transaction.
    await applyTierMoves(tx, [{ clientId, from: shown, to: tier }], now);
    if (shown !== tier) await emit(appEvent("rekindle/client.tier-changed", { clientId, fromTier: shown, toTier: tier, score: scored.score, enteredAt: now.toISOString(), demo: true }));
    return override;
  });
}
