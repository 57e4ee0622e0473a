import "server-only";
import { type SQL, sql } from "drizzle-orm";
import type { DashboardRange } from "@/lib/domain/analytics/tier-summary";
import { closedWindowsRange } from "@/lib/domain/analytics/closed-windows";
import { estimateUplift, type GroupOutcome, sumOutcomes, type Uplift } from "@/lib/domain/analytics/uplift";
import { emailFigures, type EmailFigure, type StateCount } from "@/lib/domain/email/email-figures";
import type { EmailState } from "@/lib/domain/email/lifecycle";
import type { RiskTier } from "@/lib/domain/email/policy-settings";
import { env } from "@/lib/env";
import { authorize, clientScope } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";
import { endOf, inActorScope } from "./email-aggregate-scope";
import { readSettings } from "./settings";
import { winBackClientCounts } from "./win-back-results";

export type EmailBreakdownRow = { id: string | null; label: string; figures: EmailFigure[] };
export type EmailActivityWeek = { week: string; opened: number; clicked: number };
export type EmailOverview = {
  figures: EmailFigure[];
  byTier: EmailBreakdownRow[];
  byStylist: EmailBreakdownRow[];
  activity: EmailActivityWeek[];
  complained: number;
  /** Addresses never emailed again (everyone's: the list is the account's). Null for people without analytics. */
  suppressed: number | null;
  /**
   * Clients first assigned in the range (see FIRST_ASSIGNMENT), and of them those won back so far, windows still open
   * included; `shares`, how many holdout shares they were assigned under (more than one: the two rates do not compare).
   */
  winBacks: { emailed: GroupOutcome; heldOut: GroupOutcome; shares: number };
  /** Null for people without analytics (stylists). Counts only the clients whose attribution window has closed. */
  uplift: Uplift | null;
  /** The days of the range the uplift counts (every window assigned in them has closed); null when none has yet. */
  upliftRange: DashboardRange | null;
  /** Clients first assigned in the range whose window is still open, so the uplift leaves them out for now. */
  stillOpen: number;
  /**
   * Whether deliveries, opens, clicks and bounces are reported: Resend's webhooks report them, the local mailbox
   * (no RESEND_API_KEY) does not, so there those figures stay at what Resend reported before, if ever.
   */
  deliveryReported: boolean;
};

/**
 * The email figures of the overview for the chosen range (emails drafted in it, events received in it, outreach
 * assigned in it), within the actor's scope: a stylist sees their own clients'. The counts and the activity come
 * from the daily aggregates the triggers keep (email_stats_daily, email_activity_daily: a few rows per day), never
 * from the emails themselves.
 */
export async function getEmailOverview(ctx: ServiceContext, range: DashboardRange, now = new Date()): Promise<EmailOverview> {
  authorize(ctx.actor, "emails.write");
  const inScope = inActorScope(ctx.actor);
  const analytics = clientScope(ctx.actor).kind !== "stylist";

  const [counts, activity, winBacks, suppressed] = await Promise.all([
    ctx.db.execute<{ tier: RiskTier | null; stylist_id: string | null; stylist: string | null; state: EmailState; count: number }>(sql`
      select s.tier, s.stylist_id, u.name as stylist, s.state, sum(s.emails)::int as count
      from email_stats_daily s left join users u on u.id = s.stylist_id
      where s.day >= ${range.from}::date and s.day <= ${range.to}::date and ${inScope(sql`s`)}
      group by s.tier, s.stylist_id, u.name, s.state having sum(s.emails) <> 0`),
    ctx.db.execute<{ week: string; opened: number; clicked: number }>(sql`
      select to_char(date_trunc('week', s.day), 'YYYY-MM-DD') as week, sum(s.opened)::int as opened, sum(s.clicked)::int as clicked
      from email_activity_daily s
      where s.day >= ${range.from}::date and s.day <= ${range.to}::date and ${inScope(sql`s`)}
      group by 1 having sum(s.opened) <> 0 or sum(s.clicked) <> 0 order by 1`),
    winBackCounts(ctx, range, inScope(sql`a`), now),
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
    winBacks: winBacks.soFar,
    uplift: analytics ? estimateUplift({ strata: winBacks.strata, windowDays: winBacks.windowDays }) : null,
    upliftRange: winBacks.closedRange,
    stillOpen: winBacks.stillOpen,
    deliveryReported: Boolean(env.RESEND_API_KEY),
  };
}

type Group = "emailed" | "holdout";

/**
 * Emailed and held-out clients first assigned in the range (see FIRST_ASSIGNMENT), and how many of each ordered
 * within the attribution window after it (intent to treat, see wonBackCondition): so far, and over the days
 * whose windows have all closed, the ones the uplift may compare. One index-only scan of the assignments in the
 * range (outreach_assignments_results_idx, or its stylist twin), grouped by holdout share for the uplift.
 */
async function winBackCounts(ctx: ServiceContext, range: DashboardRange, inScope: SQL, now: Date) {
  const { attributionDays } = await readSettings(ctx.db, "win_back");
  const closedRange = closedWindowsRange(range, attributionDays, now);
  const closed = closedRange ? sql`a.assigned_at < ${endOf(closedRange)}` : sql`false`;
  const soFar = winBackClientCounts(attributionDays);
  const measured = winBackClientCounts(attributionDays, closed);
  const open = winBackClientCounts(attributionDays, sql`not (${closed})`);
  // Per holdout share too: the uplift compares the groups within each share (see estimateUplift).
  const rows = await ctx.db.execute<{ group: Group; holdout_share: number; clients: number; won_back: number; closed_clients: number; closed_won_back: number; still_open: number }>(sql`
    select a."group", a.holdout_share, ${soFar.clients} as clients, ${soFar.wonBack} as won_back, ${measured.clients} as closed_clients,
      ${measured.wonBack} as closed_won_back, ${open.clients} as still_open
    from outreach_assignments a
    where a.assigned_at >= ${range.from}::date and a.assigned_at < ${endOf(range)} and ${inScope}
    group by a."group", a.holdout_share`);
  const soFarOf = (group: Group) => sumOutcomes([...rows].filter((r) => r.group === group).map((r) => ({ clients: r.clients, wonBack: r.won_back })));
  const closedOf = (group: Group, share: number) => {
    const row = [...rows].find((r) => r.group === group && r.holdout_share === share);
    return { clients: row?.closed_clients ?? 0, wonBack: row?.closed_won_back ?? 0 };
  };
  const shares = [...new Set([...rows].map((r) => r.holdout_share))].sort((x, y) => x - y);
  return {
    soFar: { emailed: soFarOf("emailed"), heldOut: soFarOf("holdout"), shares: new Set([...rows].filter((r) => r.clients > 0).map((r) => r.holdout_share)).size },
    strata: shares.map((holdoutShare) => ({ holdoutShare, emailed: closedOf("emailed", holdoutShare), heldOut: closedOf("holdout", holdoutShare) })),
    closedRange,
    stillOpen: rows.reduce((sum, r) => sum + r.still_open, 0),
    windowDays: attributionDays,
  };
}
