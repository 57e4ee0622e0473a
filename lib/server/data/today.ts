import "server-only";
import { and, eq, gte, inArray, isNotNull, notInArray, sql } from "drizzle-orm";
import { assessEngagement, EMPTY_CLIENT_HISTORY, type EngagementDriver } from "@/lib/domain/engagement";
import { chanceOfOrder } from "@/lib/domain/today/chance-of-order";
import { buildTodayList, type HandledReason, startOfWeek, type TodayCandidate } from "@/lib/domain/today/work-list";
import { authorize, clientScopeWhere } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";
import type { Executor } from "@/lib/server/db/client";
import { clients, clientScores, orders, tierChanges, todaySnoozes } from "@/lib/server/db/schema";
import { aggregateHistories } from "@/lib/server/engagement/client-histories";
import { latestModelFit } from "@/lib/server/engagement/model-fit";
import { readSettings } from "@/lib/server/data/settings";

const SLIPPING = ["at_risk", "lapsed"] as const;
/** How many open items the page shows, with their top driver worked out. */
export const TODAY_SHOWN = 30;

export type TodayItem = TodayCandidate & {
  name: string;
  email: string;
  tier: "at_risk" | "lapsed";
  score: number | null;
  snoozedAt: Date | null;
};

/**
 * When each client was last contacted. Emails are not stored yet (issue 15 adds them): this is where the latest
 * email drafted or sent per client joins in, and until then nobody counts as contacted.
 */
async function lastContacts(_db: Executor, _clientIds: readonly string[]): Promise<Map<string, Date>> {
  return new Map();
}

/** The actor's clients who are at risk or lapsed, with what the ranking and the leave-the-list rules need. */
async function slippingClients(ctx: ServiceContext): Promise<TodayItem[]> {
  const slippingSince = sql<Date | null>`(select max(${tierChanges.changedAt}) from ${tierChanges}
    where ${tierChanges.clientId} = ${clients.id} and ${tierChanges.toTier} = ${clientScores.tier})`.mapWith(clientScores.scoredAt);
  const averageValue = sql<number | null>`(select avg(${orders.valueCents}) from ${orders}
    where ${orders.clientId} = ${clients.id} and ${orders.status} <> 'cancelled')`.mapWith((v) => (v === null ? null : Number(v)));
  // Every snooze row of a client, newest first, is one probe of (client_id, until desc).
  const snoozedUntil = sql<Date | null>`(select max(${todaySnoozes.until}) from ${todaySnoozes} where ${todaySnoozes.clientId} = ${clients.id})`.mapWith(todaySnoozes.until);
  const snoozedAt = sql<Date | null>`(select max(${todaySnoozes.createdAt}) from ${todaySnoozes} where ${todaySnoozes.clientId} = ${clients.id})`.mapWith(todaySnoozes.createdAt);
  const rows = await ctx.db
    .select({
      clientId: clients.id,
      name: clients.name,
      email: clients.email,
      lastOrderAt: clients.lastOrderAt,
      tier: clientScores.tier,
      score: clientScores.score,
      pAlive: clientScores.pAlive,
      expectedOrders90d: clientScores.expectedOrders90d,
      scoredAt: clientScores.scoredAt,
      slippingSince,
      averageValue,
      snoozedUntil,
      snoozedAt,
    })
    .from(clients)
    .innerJoin(clientScores, eq(clientScores.clientId, clients.id))
    .where(and(inArray(clientScores.tier, [...SLIPPING]), clientScopeWhere(ctx.actor)));
  const contacts = await lastContacts(ctx.db, rows.map((r) => r.clientId));
  return rows.map((r) => ({
    clientId: r.clientId,
    name: r.name,
    email: r.email,
    tier: r.tier === "lapsed" ? "lapsed" : "at_risk",
    score: r.score,
    pOrder90d: chanceOfOrder(r.pAlive, r.expectedOrders90d),
    averageKeptValueCents: r.averageValue,
    // A client scored straight into a slipping tier has no change row: they slip from their first score on.
    slippingSince: r.slippingSince ?? r.scoredAt ?? new Date(0),
    lastOrderAt: r.lastOrderAt,
    lastContactAt: contacts.get(r.clientId) ?? null,
    snoozedUntil: r.snoozedUntil ?? null,
    snoozedAt: r.snoozedAt ?? null,
  }));
}

function handledAt(item: TodayItem, reason: HandledReason): Date | null {
  if (reason === "ordered") return item.lastOrderAt;
  if (reason === "contacted") return item.lastContactAt;
  return item.snoozedAt;
}

/** Clients who climbed out of at risk or lapsed this week and are still out: most of them ordered, then got rescored. */
async function recoveredSince(ctx: ServiceContext, since: Date): Promise<number> {
  const [row] = await ctx.db
    .select({ n: sql<number>`count(distinct ${tierChanges.clientId})::int` })
    .from(tierChanges)
    .innerJoin(clients, eq(clients.id, tierChanges.clientId))
    .innerJoin(clientScores, eq(clientScores.clientId, clients.id))
    .where(
      and(
        gte(tierChanges.changedAt, since),
        inArray(tierChanges.fromTier, [...SLIPPING]),
        notInArray(tierChanges.toTier, [...SLIPPING]),
        isNotNull(clientScores.tier),
        notInArray(clientScores.tier, [...SLIPPING]),
        clientScopeWhere(ctx.actor),
      ),
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

/** The Today page: open items ranked by value at risk (the first TODAY_SHOWN with their top driver) and how many were handled this week. */
export async function getTodayList(ctx: ServiceContext, now = new Date()) {
  authorize(ctx.actor, "clients.read");
  const weekStart = startOfWeek(now);
  const list = buildTodayList(await slippingClients(ctx), now);
  const shown = list.open.slice(0, TODAY_SHOWN);
  const [drivers, recovered] = await Promise.all([topDrivers(ctx, shown.map((item) => item.clientId), now), recoveredSince(ctx, weekStart)]);
  const handledThisWeek = list.handled.filter((item) => (handledAt(item, item.reason)?.getTime() ?? 0) >= weekStart.getTime()).length + recovered;
  return {
    open: shown.map((item) => ({ ...item, topDriver: drivers.get(item.clientId) ?? null })),
    openCount: list.open.length,
    handledThisWeek,
    weekStart,
  };
}

export type TodayList = Awaited<ReturnType<typeof getTodayList>>;
