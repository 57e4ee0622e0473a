import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { authorize } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";
import { readSettings } from "./settings";

export type WinBackResult = { group: "emailed" | "holdout"; tier: "at_risk" | "lapsed"; clients: number; wonBack: number };

/**
 * How many of the assignments `a` (with their email `e`) ordered within the attribution window after the email's
 * send or the holdout decision: the one definition of a win-back.
 */
export function wonBackCount(attributionDays: number): SQL {
  return sql`count(*) filter (where exists (
    select 1 from orders o
    where o.client_id = a.client_id and o.status <> 'cancelled'
      and o.ordered_at >= coalesce(e.sent_at, a.assigned_at)
      and o.ordered_at < coalesce(e.sent_at, a.assigned_at) + make_interval(days => ${attributionDays})
  ))::int`;
}

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
    where a."group" = 'holdout' or e.sent_at is not null
    group by a."group", a.tier
    order by a.tier, a."group"`);
  return rows.map((r) => ({ group: r.group, tier: r.tier, clients: r.clients, wonBack: r.won_back }));
}
