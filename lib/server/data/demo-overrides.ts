import "server-only";
import { and, asc, eq, gt, inArray } from "drizzle-orm";
import type { TierOverride } from "@/lib/domain/demo-controls/effective-tier";
import { authorize, clientScopeWhere } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";
import { clientScores, clients, demoTierOverrides } from "@/lib/server/db/schema";

/** The demo tier overrides still in force for these clients (the ones the actor may see), by client id. */
export async function activeTierOverrides(ctx: ServiceContext, clientIds: readonly string[], now = new Date()): Promise<Map<string, TierOverride>> {
  authorize(ctx.actor, "clients.read");
  if (clientIds.length === 0) return new Map();
  const rows = await ctx.db
    .select({ clientId: demoTierOverrides.clientId, tier: demoTierOverrides.tier, expiresAt: demoTierOverrides.expiresAt })
    .from(demoTierOverrides)
    .innerJoin(clients, eq(clients.id, demoTierOverrides.clientId))
    .where(and(inArray(demoTierOverrides.clientId, [...clientIds]), gt(demoTierOverrides.expiresAt, now), clientScopeWhere(ctx.actor)));
  return new Map(rows.map((r) => [r.clientId, { tier: r.tier, expiresAt: r.expiresAt }]));
}

/** Every override in force, soonest to expire first, with the client's name and scored tier: the Demo page's list. */
export async function listActiveTierOverrides(ctx: ServiceContext, now = new Date()) {
  authorize(ctx.actor, "demo.control");
  return ctx.db
    .select({
      clientId: demoTierOverrides.clientId,
      clientName: clients.name,
      tier: demoTierOverrides.tier,
      scoredTier: clientScores.tier,
      expiresAt: demoTierOverrides.expiresAt,
    })
    .from(demoTierOverrides)
    .innerJoin(clients, eq(clients.id, demoTierOverrides.clientId))
    .leftJoin(clientScores, eq(clientScores.clientId, demoTierOverrides.clientId))
    .where(gt(demoTierOverrides.expiresAt, now))
    .orderBy(asc(demoTierOverrides.expiresAt));
}
