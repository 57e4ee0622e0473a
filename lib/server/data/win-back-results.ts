import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { authorize } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";
import { readSettings } from "./settings";

export type WinBackResult = { group: "emailed" | "holdout"; tier: "at_risk" | "lapsed"; clients: number; wonBack: number };

/**
 * How many of the assignments `a` ordered within the attribution window after the email's send or the holdout
 * decision (`started_at`; the first order since then is `first_order_at`, both kept by triggers): the one definition
 * of a win-back. Count only started assignments (see STARTED).
 */
export function wonBackCount(attributionDays: number): SQL {
  return sql`(count(*) filter (where ${wonBackCondition(attributionDays)}))::int`;
}

/** Whether the assignment `a` was won back (see wonBackCount), for the lists behind the counts. */
export function wonBackCondition(attributionDays: number): SQL {
  return sql`a.first_order_at < a.started_at + make_interval(days => ${attributionDays})`;
}

/** Assignments whose window has opened: every holdout, and the emailed whose email went out. */
export const STARTED = sql`a.started_at is not null`;

/**
 * Emailed against held-out win-back rates, in one query: a client counts as won back when they ordered within the
 * attribution window after their assignment (the email's send or the holdout decision).
 */
export async function winBackResults(ctx: ServiceContext): Promise<WinBackResult[]> {
  authorize(ctx.actor, "analytics.view");
  const { attributionDays } = await readSettings(ctx.db, "win_back");
  const rows = await ctx.db.execute<{ group: WinBackResult["group"]; tier: WinBackResult["tier"]; clients: number; won_back: number }>(sql`
    select a."group", a.tier, count(*)::int as clients,
      ${wonBackCount(attributionDays)} as won_back
    from outreach_assignments a
    where ${STARTED}
    group by a."group", a.tier
    order by a.tier, a."group"`);
  return rows.map((r) => ({ group: r.group, tier: r.tier, clients: r.clients, wonBack: r.won_back }));
}
