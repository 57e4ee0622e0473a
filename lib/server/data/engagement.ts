import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { authorize, clientScopeWhere } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";
import { clients, engagementSnapshots } from "@/lib/server/db/schema";

/** Enough snapshots for a few months of nightly rescoring; older ones stay stored but are not drawn. */
export const SCORE_HISTORY_LIMIT = 120;

/** A client's latest engagement snapshot and their score over time (oldest first); the join keeps the stylist scope. */
export async function getClientEngagement(ctx: ServiceContext, clientId: string) {
  authorize(ctx.actor, "clients.read");
  const rows = await ctx.db
    .select({
      asOf: engagementSnapshots.asOf,
      score: engagementSnapshots.score,
      tier: engagementSnapshots.tier,
      components: engagementSnapshots.components,
      drivers: engagementSnapshots.drivers,
      pAlive: engagementSnapshots.pAlive,
      expectedOrders90d: engagementSnapshots.expectedOrders90d,
      nextOrderExpectedAt: engagementSnapshots.nextOrderExpectedAt,
      modelVersion: engagementSnapshots.modelVersion,
    })
    .from(engagementSnapshots)
    .innerJoin(clients, eq(clients.id, engagementSnapshots.clientId))
    .where(and(eq(engagementSnapshots.clientId, clientId), clientScopeWhere(ctx.actor)))
    .orderBy(desc(engagementSnapshots.asOf), desc(engagementSnapshots.id))
    .limit(SCORE_HISTORY_LIMIT);
  return {
    latest: rows[0] ?? null,
    history: rows.map((r) => ({ asOf: r.asOf, score: r.score, tier: r.tier })).reverse(),
  };
}

export type ClientEngagement = Awaited<ReturnType<typeof getClientEngagement>>;
