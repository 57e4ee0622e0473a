import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { authorize } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";
import { readSettings } from "./settings";

export type WinBackResult = { group: "emailed" | "holdout"; tier: "at_risk" | "lapsed"; clients: number; wonBack: number };

/**
 * Whether the assignment `a` (with its email `e`) was won back: an order within the attribution window after the
 * email's send or the holdout decision. The one definition of a win-back, for the counts and the lists behind them.
 */
export function wonBackCondition(attributionDays: number): SQL {
  return sql`exists (
    select 1 from orders o
    where o.client_id = a.client_id and o.status <> 'cancelled'
      and o.ordered_at >= coalesce(e.sent_at, a.assigned_at)
      and o.ordered_at < coalesce(e.sent_at, a.assigned_at) + make_interval(days => ${attributionDays})
  )`;
}

/** How many of the assignments `a` were won back (see wonBackCondition). */
export function wonBackCount(attributionDays: number): SQL {
  return sql`count(*) filter (where ${wonBackCondition(attributionDays)})::int`;
}

/** The assignments `a` that count towards win-back results: every holdout, and emailed clients whose email went out. */
export const COUNTED_OUTREACH = sql`(a."group" = 'holdout' or e.sent_at is not null)`;

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
    left join win_back_emails e on e.id = a.email_id
    where ${COUNTED_OUTREACH}
    group by a."group", a.tier
    order by a.tier, a."group"`);
  return rows.map((r) => ({ group: r.group, tier: r.tier, clients: r.clients, wonBack: r.won_back }));
}
