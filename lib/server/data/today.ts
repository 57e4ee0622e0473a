import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { assessEngagement, EMPTY_CLIENT_HISTORY, type EngagementDriver, RECENT_ORDER_WINDOW } from "@/lib/domain/engagement";
import { holdoutWindowStart, inHoldoutWindow } from "./email-eligibility";
import { contactAt, countsAsContact, handledSinceIds } from "./handled-since";
import { startOfWeek, type TodayCandidate } from "@/lib/domain/today/work-list";
import { authorize, clientScopeWhere } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";
import { aggregateHistories } from "@/lib/server/engagement/client-histories";
import { latestModelFit } from "@/lib/server/engagement/model-fit";
import { readSettings } from "@/lib/server/data/settings";

/** How many open items the page shows, with their top driver worked out. */
export const TODAY_SHOWN = 30;
/**
 * The counts stop here ("200+"): counting every slipping client of a million, or every recovery of a busy week,
 * would walk them all on each page view, and past a few hundred the exact number changes nothing for the reader.
 */
export const TODAY_COUNT_CAP = 200;

type TodayItem = TodayCandidate & {
  name: string;
  email: string;
  /** Whether the client agreed to marketing email: without it a win-back email cannot be sent. */
  emailConsent: boolean;
  tier: "at_risk" | "lapsed";
  score: number | null;
  snoozedAt: Date | null;
  /** The value at risk stored with the score (see valueAtRiskCents): what the list is ranked by. */
  priority: number;
  /** A win-back draft outreach wrote for the client that waits for review: the item's work, rather than a new draft. */
  waitingDraftId: string | null;
};

type Row = {
  client_id: string;
  name: string;
  email: string;
  marketing_consent: boolean;
  tier: "at_risk" | "lapsed";
  score: number | null;
  p_order: number | null;
  last_order_at: string | null;
  slipping_since: string | null;
  snoozed_until: string | null;
  snoozed_at: string | null;
  average_value: number | null;
  value_at_risk: number | null;
  last_contact_at: string | null;
  waiting_draft_id: string | null;
};

const date = (text: string | null) => (text === null ? null : new Date(text));

/**
 * When the client entered their current (slipping) tier. A client scored straight into it (a first score records no
 * tier change: an import of old history, the first full run) has slipped since their last order: a date no rescoring
 * moves, so an email sent since keeps counting as contact however often the client is scored again.
 */
const SLIPPING_SINCE = sql`coalesce((select max(t.changed_at) from tier_changes t where t.client_id = s.client_id and t.to_tier = s.tier),
  clients.last_order_at + interval '1 microsecond', s.scored_at, 'epoch'::timestamptz)`;

/**
 * The actor's slipping clients (at risk or lapsed: the partial index client_scores_slipping_value_idx) with what the
 * ranking and the leave-the-list rules need. Per-client figures are subqueries in the select list, so they are worked
 * out only for the rows returned, and the WHERE clause stays simple enough for the planner to walk the index.
 * The last contact is the latest win-back email that counts as contact (see countsAsContact) or logged contact.
 */
function slippingClients(ctx: ServiceContext, where: SQL, tail: SQL) {
  const scope = clientScopeWhere(ctx.actor);
  return ctx.db.execute<Row>(sql`
    select s.client_id, clients.name, clients.email, clients.marketing_consent, s.tier, s.score, s.p_order90d as p_order, clients.last_order_at,
      ${SLIPPING_SINCE} as slipping_since,
      (select max(z.until) from today_snoozes z where z.client_id = s.client_id) as snoozed_until,
      (select max(z.created_at) from today_snoozes z where z.client_id = s.client_id) as snoozed_at,
      (select avg(r.value_cents)::float8 from (select o.value_cents from orders o where o.client_id = clients.id and o.status <> 'cancelled'
        order by o.ordered_at desc limit ${RECENT_ORDER_WINDOW}) r) as average_value,
      s.value_at_risk_cents as value_at_risk,
      greatest((select max(${contactAt("e")}) from win_back_emails e where e.client_id = s.client_id and ${countsAsContact("e")}),
        (select max(k.contacted_at) from client_contacts k where k.client_id = s.client_id)) as last_contact_at,
      (select e.id from win_back_emails e where e.client_id = s.client_id and e.origin = 'outreach' and e.state = 'draft' order by e.created_at desc limit 1) as waiting_draft_id
    from client_scores s cross join lateral ${clientOf}
    where s.tier in ('at_risk', 'lapsed') ${scope ? sql`and ${scope}` : sql``} and ${where}
    ${tail}`);
}

/**
 * The slipping client's own row, looked up per index entry: as a plain join the planner reads all of a stylist's
 * clients (50,000 of a million) and sorts, instead of walking the index to the first few matches (OFFSET 0 keeps the
 * lookup from being flattened into such a join).
 */
const clientOf = sql`(select c.id, c.name, c.email, c.marketing_consent, c.stylist_id, c.last_order_at from clients c where c.id = s.client_id offset 0) clients`;

/**
 * The stylist's own leave-the-list rules (handledReason): no snooze still running, no order and no contact since the
 * slip (an email that counts as contact, see countsAsContact, or a contact the stylist logged).
 */
const notHandled = (now: Date) => sql`not exists (select 1 from today_snoozes z where z.client_id = s.client_id and z.until > ${now.toISOString()}::timestamptz)
  and (clients.last_order_at is null or clients.last_order_at < ${SLIPPING_SINCE})
  and not exists (select 1 from win_back_emails e where e.client_id = s.client_id and ${countsAsContact("e")} and ${contactAt("e")} >= ${SLIPPING_SINCE})
  and not exists (select 1 from client_contacts k where k.client_id = s.client_id and k.contacted_at >= ${SLIPPING_SINCE})`;

/** Every leave-the-list rule (handledReason) as SQL: not handled, and not held out (see heldOutUntil in the domain). */
const stillOpen = (now: Date, attributionDays: number) => sql`${notHandled(now)} and not ${inHoldoutWindow(sql`s.client_id`, now, attributionDays)}`;

function toItem(r: Row): TodayItem {
  return {
    clientId: r.client_id,
    name: r.name,
    email: r.email,
    emailConsent: r.marketing_consent,
    tier: r.tier,
    score: r.score,
    // The chance the value at risk (and so the ranking and the score's outlook) was worked out from, not a second estimate.
    pOrder90d: r.p_order,
    averageKeptValueCents: r.average_value,
    slippingSince: date(r.slipping_since) ?? new Date(0),
    lastOrderAt: date(r.last_order_at),
    lastContactAt: date(r.last_contact_at),
    snoozedUntil: date(r.snoozed_until),
    snoozedAt: date(r.snoozed_at),
    priority: r.value_at_risk ?? 0,
    waitingDraftId: r.waiting_draft_id,
    // Open items are never held out (see stillOpen).
    heldOutUntil: null,
  };
}

/** The open items, highest value at risk first: the top of the partial index, skipping the handled ones. */
async function openItems(ctx: ServiceContext, now: Date, attributionDays: number): Promise<TodayItem[]> {
  const rows = await slippingClients(ctx, stillOpen(now, attributionDays), sql`order by s.value_at_risk_cents desc nulls last, s.client_id limit ${TODAY_SHOWN}`);
  return rows.map(toItem);
}

/** How many items are open, up to TODAY_COUNT_CAP + 1 (more than the cap reads as "1,000+"). */
async function openCount(ctx: ServiceContext, now: Date, attributionDays: number): Promise<number> {
  const scope = clientScopeWhere(ctx.actor);
  const [row] = await ctx.db.execute<{ n: number }>(sql`
    select count(*)::int as n from (
      select 1 from client_scores s cross join lateral ${clientOf}
      where s.tier in ('at_risk', 'lapsed') ${scope ? sql`and ${scope}` : sql``} and ${stillOpen(now, attributionDays)}
      -- In the index's order, so the count walks it and stops at the cap rather than joining every slipping client.
      order by s.value_at_risk_cents desc nulls last, s.client_id
      limit ${TODAY_COUNT_CAP + 1}) open`);
  return row?.n ?? 0;
}

/**
 * How many slipping clients are off the list only for being held out (they would be open otherwise), up to
 * TODAY_COUNT_CAP + 1: from the holdout assignments of the last window (the assignments' date index), not from every
 * slipping client.
 */
async function heldOutCount(ctx: ServiceContext, now: Date, attributionDays: number): Promise<number> {
  const scope = clientScopeWhere(ctx.actor);
  const [row] = await ctx.db.execute<{ n: number }>(sql`
    select count(*)::int as n from (
      select distinct s.client_id from outreach_assignments a join client_scores s on s.client_id = a.client_id cross join lateral ${clientOf}
      where a."group" = 'holdout' and a.assigned_at > ${holdoutWindowStart(now, attributionDays)}
        and s.tier in ('at_risk', 'lapsed') ${scope ? sql`and ${scope}` : sql``} and ${notHandled(now)}
      limit ${TODAY_COUNT_CAP + 1}) held`);
  return row?.n ?? 0;
}

/** How many clients were handled since `since` (a week's start), up to TODAY_COUNT_CAP + 1 (see handledSinceIds). */
async function handledSince(ctx: ServiceContext, since: Date): Promise<number> {
  const [row] = await ctx.db.execute<{ n: number }>(
    sql`select count(*)::int as n from (${handledSinceIds(since, clientScopeWhere(ctx.actor), TODAY_COUNT_CAP + 1)}) handled`,
  );
  return row?.n ?? 0;
}

/** Why the client is on the list, in the scoring's own words: the first reason that lowers the score. */
async function topDrivers(ctx: ServiceContext, clientIds: string[], now: Date): Promise<Map<string, EngagementDriver>> {
  if (clientIds.length === 0) return new Map();
  const [histories, model, settings] = await Promise.all([aggregateHistories(ctx.db, { ids: clientIds }, now), latestModelFit(ctx.db), readSettings(ctx.db, "engagement")]);
  const drivers = new Map<string, EngagementDriver>();
  for (const id of clientIds) {
    const { drivers: all } = assessEngagement({ history: histories.get(id) ?? EMPTY_CLIENT_HISTORY, asOf: now, settings, model: model?.engagement ?? null });
    const top = all.find((d) => d.effect === "lowers") ?? all[0];
    if (top) drivers.set(id, top);
  }
  return drivers;
}

/**
 * The Today page: the first TODAY_SHOWN open items ranked by value at risk in SQL (with their top driver), how many
 * are open (capped), and how many were handled this week.
 */
export async function getTodayList(ctx: ServiceContext, now = new Date()) {
  authorize(ctx.actor, "clients.read");
  const weekStart = startOfWeek(now);
  const { attributionDays } = await readSettings(ctx.db, "win_back");
  const [open, count, handled, heldOut] = await Promise.all([
    openItems(ctx, now, attributionDays),
    openCount(ctx, now, attributionDays),
    handledSince(ctx, weekStart),
    heldOutCount(ctx, now, attributionDays),
  ]);
  const drivers = await topDrivers(ctx, open.map((item) => item.clientId), now);
  return {
    open: open.map((item) => ({ ...item, topDriver: drivers.get(item.clientId) ?? null })),
    openCount: count,
    openCountCapped: count > TODAY_COUNT_CAP,
    handledThisWeek: Math.min(handled, TODAY_COUNT_CAP),
    handledThisWeekCapped: handled > TODAY_COUNT_CAP,
    /** Slipping clients held out of win-back outreach, off the list while their window runs (capped like the others). */
    heldOut: Math.min(heldOut, TODAY_COUNT_CAP),
    heldOutCapped: heldOut > TODAY_COUNT_CAP,
    weekStart,
  };
}

export type TodayList = Awaited<ReturnType<typeof getTodayList>>;
