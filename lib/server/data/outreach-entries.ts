import "server-only";
import { sql } from "drizzle-orm";
import type { EngagementTier } from "@/lib/domain/engagement";
import { outreachRoute, WIN_BACK_TIERS } from "@/lib/domain/email/outreach";
import type { Executor } from "@/lib/server/db/client";
import { addressSuppressed } from "./email-eligibility";
import { readSettings } from "./settings";

export type WinBackEntry = { clientId: string; fromTier: EngagementTier | null; toTier: EngagementTier; score: number; enteredAt: string };

/**
 * Clients now at risk or lapsed whose entry into that tier has no outreach assignment yet. The entry is the latest
 * tier change into win-back or, for a client whose first score was already at risk or lapsed (which records no tier
 * change: an import of old history, a first full run), their score's date. What a full run and the nightly sweep
 * hand to outreach, since a full run writes its tier changes set-based without an event each. Clients no email may
 * reach (no marketing consent, or a suppressed address), clients their stylist is on (a snooze running, contact
 * logged within the policy's minimum days: see stylistHandlingWait), and tiers the email policy drafts nothing for,
 * are left out until one may: outreach would turn them away every night, one function run each. Outreach still
 * checks every guard. In client id order, the first `limit` after `after` (a page: see handEntriesToOutreach).
 * `reachableNow`: also leave out clients outreach would turn away today for a while (an email on its way, or one
 * sent within the policy's minimum days): what a count of who is about to get an email wants.
 */
export async function winBackEntriesWithoutOutreach(db: Executor, limit: number, after: string | null = null, { reachableNow = false } = {}): Promise<WinBackEntry[]> {
  const policy = await readSettings(db, "email_policy");
  const tiers = WIN_BACK_TIERS.filter((tier) => outreachRoute(tier, policy) !== "none");
  if (tiers.length === 0) return [];
  const rows = await db.execute<{ client_id: string; from_tier: EngagementTier | null; tier: EngagementTier; score: number | null; entered_ms: number }>(sql`
    select s.client_id, entry.from_tier, s.tier, s.score, extract(epoch from coalesce(entry.changed_at, s.scored_at))::float8 * 1000 as entered_ms
    from client_scores s
    join clients c on c.id = s.client_id and c.marketing_consent
    left join lateral (
      select t.from_tier, t.changed_at from tier_changes t
      where t.client_id = s.client_id and t.to_tier in ('at_risk', 'lapsed') and (t.from_tier is null or t.from_tier not in ('at_risk', 'lapsed'))
      order by t.changed_at desc limit 1
    ) entry on true
    where s.tier in (${sql.join(tiers.map((tier) => sql`${tier}`), sql`, `)}) and s.scored_at is not null ${after ? sql`and s.client_id > ${after}::uuid` : sql``}
      and not ${addressSuppressed(sql`c.email`)}
      ${reachableNow ? sql`and not exists (select 1 from win_back_emails e where e.client_id = s.client_id and (e.state in ('draft', 'approved', 'scheduled', 'sending')
        or e.sent_at > now() - ${policy.minDaysBetweenEmails} * interval '1 day'))` : sql``}
      and not exists (select 1 from today_snoozes z where z.client_id = s.client_id and z.until > now())
      and not exists (select 1 from client_contacts k where k.client_id = s.client_id and k.contacted_at > now() - ${policy.minDaysBetweenEmails} * interval '1 day')
      and not exists (
        select 1 from outreach_assignments a
        where a.client_id = s.client_id and (entry.changed_at is null or a.entered_at >= entry.changed_at)
      )
    order by s.client_id
    limit ${limit}`);
  return [...rows].map((r) => ({ clientId: r.client_id, fromTier: r.from_tier, toTier: r.tier, score: r.score ?? 0, enteredAt: new Date(Math.round(Number(r.entered_ms))).toISOString() }));
}
