import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { authorize } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";
import { readSettings } from "./settings";

export type WinBackResult = { group: "emailed" | "holdout"; tier: "at_risk" | "lapsed"; clients: number; wonBack: number };

/**
 * Whether the assignment `a` was won back: the client ordered within the attribution window after the assignment
 * (`first_order_at`, kept by triggers, is the first order since). Both groups' windows open at the assignment: the
 * measure is intent to treat, so an emailed client counts whether or not their email went out, and dropping a draft
 * cannot move clients out of one group only. The one definition of a win-back, for the counts and the lists behind them.
 */
export function wonBackCondition(attributionDays: number): SQL {
  return sql`a.first_order_at < a.assigned_at + make_interval(days => ${attributionDays})`;
}

/**
 * Whether the assignment `a` is its client's first in its group on or after `from` (a date; without one, their first
 * ever), kept by a trigger as `previous_assigned_at`: a count over a range takes each client once, by their first
 * entry in it, as the lists behind the counts show each client once, and reads it from the index without sorting the
 * range's clients.
 */
export function firstEntrySince(from: SQL | null): SQL {
  return from ? sql`(a.previous_assigned_at is null or a.previous_assigned_at < ${from})` : sql`a.previous_assigned_at is null`;
}

/** Clients among the assignments `a` from `from` on (optionally only those matching `where`), each once, and how many of them were won back. */
export function winBackClientCounts(attributionDays: number, from: SQL | null, where: SQL = sql`true`): { clients: SQL; wonBack: SQL } {
  const counted = sql`${firstEntrySince(from)} and ${where}`;
  return {
    clients: sql`(count(*) filter (where ${counted}))::int`,
    wonBack: sql`(count(*) filter (where ${counted} and ${wonBackCondition(attributionDays)}))::int`,
  };
}

/** Emailed against held-out win-back rates per tier, each client by their first entry, in one query. */
export async function winBackResults(ctx: ServiceContext): Promise<WinBackResult[]> {
  authorize(ctx.actor, "analytics.view");
  const { attributionDays } = await readSettings(ctx.db, "win_back");
  const counts = winBackClientCounts(attributionDays, null);
  const rows = await ctx.db.execute<{ group: WinBackResult["group"]; tier: WinBackResult["tier"]; clients: number; won_back: number }>(sql`
    select a."group", a.tier, ${counts.clients} as clients, ${counts.wonBack} as won_back
    from outreach_assignments a
    group by a."group", a.tier
    order by a.tier, a."group"`);
  return rows.map((r) => ({ group: r.group, tier: r.tier, clients: r.clients, wonBack: r.won_back }));
}
