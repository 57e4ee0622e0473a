import "server-only";
import { sql } from "drizzle-orm";
import { type DashboardRange, weekDaysInRange } from "@/lib/domain/analytics/tier-summary";
import { authorize, clientScope } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";
import { readSettings } from "./settings";
import { COUNTED_OUTREACH, wonBackCondition } from "./win-back-results";

/**
 * One week of the "emails and win-backs" chart: `from`–`to` are the week's days inside the range (the first and last
 * weeks may be cut), so a link to those days lists exactly what the week counts.
 */
export type EmailWeek = { week: string; from: string; to: string; drafted: number; wonBack: number; heldOutWonBack: number };

/**
 * Per week (Monday first) of the range: emails drafted, and emailed and held-out clients won back by assignment week,
 * the same definitions as the overview's totals (email-overview.ts), within the actor's scope.
 */
export async function getEmailWeeks(ctx: ServiceContext, range: DashboardRange): Promise<EmailWeek[]> {
  authorize(ctx.actor, "emails.write");
  const scope = clientScope(ctx.actor);
  const inScope = scope.kind === "stylist" ? sql`c.stylist_id = ${scope.stylistId}` : sql`true`;
  const { attributionDays } = await readSettings(ctx.db, "win_back");
  const end = sql`(${range.to}::date + 1)`;
  const rows = await ctx.db.execute<{ week: string; drafted: number; won_back: number; held_out_won_back: number }>(sql`
    with drafted as (
      select date_trunc('week', e.created_at) as week, count(*)::int as n
      from win_back_emails e join clients c on c.id = e.client_id
      where e.created_at >= ${range.from}::date and e.created_at < ${end} and ${inScope}
      group by 1),
    won as (
      select date_trunc('week', a.assigned_at) as week,
        count(*) filter (where a."group" = 'emailed' and ${wonBackCondition(attributionDays)})::int as emailed,
        count(*) filter (where a."group" = 'holdout' and ${wonBackCondition(attributionDays)})::int as held_out
      from outreach_assignments a join clients c on c.id = a.client_id left join win_back_emails e on e.id = a.email_id
      where a.assigned_at >= ${range.from}::date and a.assigned_at < ${end} and ${COUNTED_OUTREACH} and ${inScope}
      group by 1)
    select to_char(coalesce(d.week, w.week), 'YYYY-MM-DD') as week, coalesce(d.n, 0) as drafted,
      coalesce(w.emailed, 0) as won_back, coalesce(w.held_out, 0) as held_out_won_back
    from drafted d full join won w on w.week = d.week
    order by 1`);
  return rows.map((r) => ({ week: r.week, ...weekDaysInRange(r.week, range), drafted: r.drafted, wonBack: r.won_back, heldOutWonBack: r.held_out_won_back }));
}
