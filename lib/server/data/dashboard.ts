import "server-only";
import { and, asc, eq, gte, lte, max, type SQL, sql } from "drizzle-orm";
import { type DashboardRange, DASHBOARD_TIERS, type DashboardTier, summariseTierCounts, tierChanges, weekBefore } from "@/lib/domain/analytics/tier-summary";
import { authorize, clientScope } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";
import { tierCountsDaily } from "@/lib/server/db/schema";

/** A stylist's overview counts their own clients only; everyone else's counts everyone's. */
function countScope(ctx: ServiceContext): SQL | undefined {
  const scope = clientScope(ctx.actor);
  return scope.kind === "stylist" ? eq(tierCountsDaily.stylistId, scope.stylistId) : undefined;
}

/** The latest day with counts on or before `day`, within the actor's scope. */
async function latestDayUpTo(ctx: ServiceContext, day: string): Promise<string | null> {
  const [row] = await ctx.db
    .select({ day: max(tierCountsDaily.day) })
    .from(tierCountsDaily)
    .where(and(lte(tierCountsDaily.day, day), countScope(ctx)));
  return row?.day ?? null;
}

async function rowsOf(ctx: ServiceContext, day: string) {
  return ctx.db
    .select({
      tier: tierCountsDaily.tier,
      clients: tierCountsDaily.clients,
      scoreSum: tierCountsDaily.scoreSum,
      scoreBands: tierCountsDaily.scoreBands,
      valueAtRiskCents: tierCountsDaily.valueAtRiskCents,
    })
    .from(tierCountsDaily)
    .where(and(eq(tierCountsDaily.day, day), countScope(ctx)));
}

export type TierSeriesPoint = { day: string } & Record<DashboardTier, number>;

/** Clients per tier on each day in the range that had a full run, oldest first. */
async function tierSeries(ctx: ServiceContext, range: DashboardRange): Promise<TierSeriesPoint[]> {
  const rows = await ctx.db
    .select({ day: tierCountsDaily.day, tier: tierCountsDaily.tier, clients: sql<number>`sum(${tierCountsDaily.clients})::int` })
    .from(tierCountsDaily)
    .where(and(gte(tierCountsDaily.day, range.from), lte(tierCountsDaily.day, range.to), countScope(ctx)))
    .groupBy(tierCountsDaily.day, tierCountsDaily.tier)
    .orderBy(asc(tierCountsDaily.day));
  const byDay = new Map<string, TierSeriesPoint>();
  for (const row of rows) {
    const point = byDay.get(row.day) ?? { day: row.day, healthy: 0, watch: 0, at_risk: 0, lapsed: 0 };
    if ((DASHBOARD_TIERS as readonly string[]).includes(row.tier)) point[row.tier as DashboardTier] = row.clients;
    byDay.set(row.day, point);
  }
  return [...byDay.values()];
}

/**
 * The overview as of the range's end: the latest full run's counts on or before it, the change since the run a week
 * before that, and the tiers over the range. Reads tier_counts_daily only (a few rows per stylist per day), never the
 * scores themselves.
 */
export async function getOverview(ctx: ServiceContext, range: DashboardRange) {
  authorize(ctx.actor, "clients.read");
  const [day, series] = await Promise.all([latestDayUpTo(ctx, range.to), tierSeries(ctx, range)]);
  if (!day) return { day: null, previousDay: null, summary: null, changes: null, series };
  const previousDay = await latestDayUpTo(ctx, weekBefore(day));
  const [rows, previousRows] = await Promise.all([rowsOf(ctx, day), previousDay ? rowsOf(ctx, previousDay) : Promise.resolve(null)]);
  const summary = summariseTierCounts(rows);
  return { day, previousDay, summary, changes: tierChanges(summary, previousRows ? summariseTierCounts(previousRows) : null), series };
}

/** The latest day with tier counts in the actor's scope, whatever the range: links for that day open the live list. */
export async function latestCountedDay(ctx: ServiceContext): Promise<string | null> {
  authorize(ctx.actor, "clients.read");
  return latestDayUpTo(ctx, "9999-12-31");
}

/** The actor's revenue at risk as the latest full run left it (for the clients list), or null before any run. */
export async function latestRevenueAtRisk(ctx: ServiceContext): Promise<{ day: string; cents: number } | null> {
  authorize(ctx.actor, "clients.read");
  const day = await latestCountedDay(ctx);
  if (!day) return null;
  return { day, cents: summariseTierCounts(await rowsOf(ctx, day)).revenueAtRiskCents };
}
