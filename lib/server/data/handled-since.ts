import "server-only";
import { type SQL, sql } from "drizzle-orm";

/**
 * Whether the win-back email `alias` counts as contact with its client: any not discarded, except a draft outreach
 * wrote that nobody has reviewed yet (it has reached no one; its client stays on Today, with the draft to review).
 * The triggers of migration 0033 hold the same rule.
 */
export const countsAsContact = (alias: string) => sql.raw(`${alias}.state <> 'discarded' and not (${alias}.origin = 'outreach' and ${alias}.state = 'draft')`);

/** When that contact happened: a person's email when written, one outreach wrote when it was approved (let go). */
export const contactAt = (alias: string) =>
  sql.raw(`(case when ${alias}.origin = 'outreach' then coalesce(${alias}.approved_at, ${alias}.created_at) else ${alias}.created_at end)`);

/**
 * A today_handled row (written once, by triggers) still stands while something done that week stands: a snooze, an
 * email not discarded, a logged contact, an order not cancelled. A discarded draft or a cancelled order puts the client back on Today,
 * so it must not count as handled too; so does an outreach draft nobody has reviewed.
 */
const stillHandled = sql`(exists (select 1 from today_snoozes z where z.client_id = h.client_id and z.created_at >= (h.week::timestamp at time zone 'UTC'))
  or exists (select 1 from win_back_emails e where e.client_id = h.client_id and ${countsAsContact("e")} and ${contactAt("e")} >= (h.week::timestamp at time zone 'UTC'))
  or exists (select 1 from client_contacts k where k.client_id = h.client_id and k.contacted_at >= (h.week::timestamp at time zone 'UTC'))
  or exists (select 1 from orders o where o.client_id = h.client_id and o.status <> 'cancelled' and o.ordered_at >= (h.week::timestamp at time zone 'UTC')))`;

/**
 * The ids of clients handled since `since` (a week's start): those the week's today_handled rows name (kept by triggers
 * as snoozes, contact and orders happen), and those who climbed out of at risk or lapsed since then and are still out
 * (most of them ordered, then got rescored). Today counts it (each branch stopped at `limit`); the clients list filters
 * by it (`handled=week`), so the count and its list are one definition. `scope` is SQL on `clients`.
 */
export function handledSinceIds(since: Date, scope: SQL | undefined, limit?: number): SQL {
  const week = since.toISOString().slice(0, 10);
  const capped = limit === undefined ? sql`` : sql`limit ${limit}`;
  return sql`
      (select h.client_id from today_handled h join clients on clients.id = h.client_id
       where h.week = ${week}::date ${scope ? sql`and ${scope}` : sql``} and ${stillHandled}
       ${capped})
      union
      -- Newest first along tier_changes_changed_idx, stopping at the cap.
      (select t.client_id from tier_changes t join clients on clients.id = t.client_id join client_scores s on s.client_id = t.client_id
       where t.changed_at >= ${since.toISOString()}::timestamptz and t.from_tier in ('at_risk', 'lapsed') and t.to_tier not in ('at_risk', 'lapsed')
         and s.tier is not null and s.tier not in ('at_risk', 'lapsed') ${scope ? sql`and ${scope}` : sql``}
       order by t.changed_at desc
       ${capped})`;
}
