import "server-only";
import { type SQL, sql } from "drizzle-orm";
import type { DashboardRange } from "@/lib/domain/analytics/tier-summary";
import { estimateUplift, type Uplift } from "@/lib/domain/analytics/uplift";
import { emailFigures, type EmailFigure, type StateCount } from "@/lib/domain/email/email-figures";
import type { EmailState } from "@/lib/domain/email/lifecycle";
import type { RiskTier } from "@/lib/domain/email/policy-settings";
import { authorize, clientScope } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";
import { readSettings } from "./settings";
import { COUNTED_OUTREACH, wonBackCount } from "./win-back-results";

export type EmailBreakdownRow = { id: string | null; label: string; figures: EmailFigure[] };
/** Per week: how many emails were opened and clicked in it (an email opened twice in a week counts once). */
export type EmailActivityWeek = { week: string; opened: number; clicked: number };
export type EmailOverview = {
  figures: EmailFigure[];
  byTier: EmailBreakdownRow[];
  byStylist: EmailBreakdownRow[];
  activity: EmailActivityWeek[];
  complained: number;
  /** Addresses never emailed again (everyone's: the list is the account's). Null for people without analytics. */
  suppressed: number | null;
  winBacks: { emailed: number; heldOut: number };
  /** Null for people without analytics (stylists). */
  uplift: Uplift | null;
};

/** The range's end day, exclusive. */
const endOf = (range: DashboardRange) => sql`(${range.to}::date + 1)`;

/**
 * The email figures of the overview for the chosen range (emails drafted in it, events received in it, outreach
 * assigned in it), within the actor's scope: a stylist sees their own clients'. Grouped reads over indexed columns
 * (state and tier, event type and time, assignment time), never a scan per email in the page.
 */
export async function getEmailOverview(ctx: ServiceContext, range: DashboardRange): Promise<EmailOverview> {
  authorize(ctx.actor, "emails.write");
  const scope = clientScope(ctx.actor);
  const inScope = scope.kind === "stylist" ? sql`c.stylist_id = ${scope.stylistId}` : sql`true`;
  const analytics = scope.kind !== "stylist";

  const [counts, activity, winBacks, suppressed] = await Promise.all([
    ctx.db.execute<{ tier: RiskTier | null; stylist_id: string | null; stylist: string | null; state: EmailState; count: number }>(sql`
      select e.tier, c.stylist_id, u.name as stylist, e.state, count(*)::int as count
      from win_back_emails e join clients c on c.id = e.client_id left join users u on u.id = c.stylist_id
      where e.created_at >= ${range.from}::date and e.created_at < ${endOf(range)} and ${inScope}
      group by e.tier, c.stylist_id, u.name, e.state`),
    ctx.db.execute<{ week: string; opened: number; clicked: number }>(sql`
      select to_char(date_trunc('week', ev.received_at), 'YYYY-MM-DD') as week,
        count(distinct ev.email_id) filter (where ev.type = 'opened')::int as opened, count(distinct ev.email_id) filter (where ev.type = 'clicked')::int as clicked
      from email_events ev join win_back_emails e on e.id = ev.email_id join clients c on c.id = e.client_id
      where ev.type in ('opened', 'clicked') and ev.received_at >= ${range.from}::date and ev.received_at < ${endOf(range)} and ${inScope}
      group by 1 order by 1`),
    winBackCounts(ctx, range, inScope),
    analytics ? ctx.db.execute<{ count: number }>(sql`select count(*)::int as count from email_suppressions`) : Promise.resolve(null),
  ]);

  const rows = [...counts];
  const breakdown = (keyOf: (r: (typeof rows)[number]) => string | null, labelOf: (r: (typeof rows)[number]) => string): EmailBreakdownRow[] => {
    const groups = new Map<string | null, { label: string; counts: StateCount[] }>();
    for (const r of rows) {
      const key = keyOf(r);
      const group = groups.get(key) ?? { label: labelOf(r), counts: [] };
      group.counts.push({ state: r.state, count: r.count });
      groups.set(key, group);
    }
    return [...groups].map(([id, g]) => ({ id, label: g.label, figures: emailFigures(g.counts) })).sort((a, b) => a.label.localeCompare(b.label));
  };
  const all = rows.map((r) => ({ state: r.state, count: r.count }));
  return {
    figures: emailFigures(all),
    byTier: breakdown((r) => r.tier, (r) => r.tier ?? "no tier"),
    byStylist: breakdown((r) => r.stylist_id, (r) => r.stylist ?? "No stylist"),
    activity: [...activity],
    complained: all.filter((c) => c.state === "complained").reduce((sum, c) => sum + c.count, 0),
    suppressed: suppressed ? (suppressed[0]?.count ?? 0) : null,
    winBacks: { emailed: winBacks.emailed.wonBack, heldOut: winBacks.heldOut.wonBack },
    uplift: analytics ? estimateUplift(winBacks) : null,
  };
}

/**
 * Emailed and held-out clients assigned in the range, and how many of each ordered within the attribution window
 * after the email's send or the holdout decision (an emailed client whose email never went out is not counted).
 */
async function winBackCounts(ctx: ServiceContext, range: DashboardRange, inScope: SQL) {
  const { attributionDays } = await readSettings(ctx.db, "win_back");
  const rows = await ctx.db.execute<{ group: "emailed" | "holdout"; clients: number; won_back: number }>(sql`
    select a."group", count(*)::int as clients,
      ${wonBackCount(attributionDays)} as won_back
    from outreach_assignments a
    join clients c on c.id = a.client_id
    left join win_back_emails e on e.id = a.email_id
    where a.assigned_at >= ${range.from}::date and a.assigned_at < ${endOf(range)} and ${inScope}
      and ${COUNTED_OUTREACH}
    group by a."group"`);
  const of = (group: "emailed" | "holdout") => {
    const row = [...rows].find((r) => r.group === group);
    return { clients: row?.clients ?? 0, wonBack: row?.won_back ?? 0 };
  };
  return { emailed: of("emailed"), heldOut: of("holdout"), windowDays: attributionDays };
}
