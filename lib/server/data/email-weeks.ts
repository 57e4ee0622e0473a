import "server-only";
import { sql } from "drizzle-orm";
import { type DashboardRange, everyWeekBetween, weekDaysInRange } from "@/lib/domain/analytics/tier-summary";
import { authorize } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";
import { endOf, inActorScope } from "./email-aggregate-scope";
import { readSettings } from "./settings";
import { FIRST_ASSIGNMENT, wonBackCondition } from "./win-back-results";

/**
 * One week of the "emails and win-backs" chart: `from`–`to` are the week's days inside the range (the first and last
 * weeks may be cut), so a link to those days lists exactly what the week counts.
 */
export type EmailWeek = { week: string; from: string; to: string; drafted: number; wonBack: number; heldOutWonBack: number };

/**
 * Per week (Monday first) of the range: emails drafted (from email_stats_daily), and emailed and held-out clients won
 * back so far by the week of their first assignment (see FIRST_ASSIGNMENT), so the weeks add up to the range's total:
 * the same sources and definitions as the overview's totals (email-overview.ts), within the actor's scope. A week with
 * neither between two that have some is there with zeros.
 */
export async function getEmailWeeks(ctx: ServiceContext, range: DashboardRange): Promise<EmailWeek[]> {
  authorize(ctx.actor, "emails.write");
  const inScope = inActorScope(ctx.actor);
  const { attributionDays } = await readSettings(ctx.db, "win_back");
  const won = wonBackCondition(attributionDays);
  const rows = await ctx.db.execute<{ week: string; drafted: number; won_back: number; held_out_won_back: number }>(sql`
    with drafted as (
      select date_trunc('week', s.day) as week, sum(s.emails)::int as n
      from email_stats_daily s
      where s.day >= ${range.from}::date and s.day <= ${range.to}::date and ${inScope(sql`s`)}
      group by 1 having sum(s.emails) <> 0),
    won as (
      select date_trunc('week', a.assigned_at) as week,
        (count(*) filter (where a."group" = 'emailed' and ${won}))::int as emailed,
        (count(*) filter (where a."group" = 'holdout' and ${won}))::int as held_out
      from outreach_assignments a
      where a.assigned_at >= ${range.from}::date and a.assigned_at < ${endOf(range)} and ${FIRST_ASSIGNMENT} and ${inScope(sql`a`)}
      group by 1)
    select to_char(coalesce(d.week, w.week), 'YYYY-MM-DD') as week, coalesce(d.n, 0) as drafted,
      coalesce(w.emailed, 0) as won_back, coalesce(w.held_out, 0) as held_out_won_back
    from drafted d full join won w on w.week = d.week
    order by 1`);
  const counted = rows.map((r) => ({ week: r.week, ...weekDaysInRange(r.week, range), drafted: r.drafted, wonBack: r.won_back, heldOutWonBack: r.held_out_won_back }));
  return everyWeekBetween(counted, (week) => ({ week, ...weekDaysInRange(week, range), drafted: 0, wonBack: 0, heldOutWonBack: 0 }));
}
