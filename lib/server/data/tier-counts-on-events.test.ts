import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { SystemActor } from "@/lib/domain/access/policy";
import { parseDashboardRange } from "@/lib/domain/analytics/tier-summary";
import { db } from "@/lib/server/db/client";
import { clientScores, engagementSnapshots, eventOutbox, orders, tierChanges } from "@/lib/server/db/schema";
import { scoreWithLatestModel } from "@/lib/server/engagement/score-clients";
import { runFullRescore } from "@/lib/server/services/engagement/run-full-rescore";
import { reassignClients } from "@/lib/server/services/clients/reassign-clients";
import { clearTierOverride } from "@/lib/server/services/demo/clear-tier-override";
import { expireTierOverrides } from "@/lib/server/services/demo/expire-tier-overrides";
import { overrideClientTier } from "@/lib/server/services/demo/override-client-tier";
import { insertDemoClients, queueRun } from "@/test/engagement-fixtures";
import { userContext } from "@/test/fixtures";
import { getOverview } from "./dashboard";

const SYSTEM: SystemActor = { type: "system", name: "test" };
const system = { actor: SYSTEM, db };
const DAY = 86_400_000;
const TIERS = ["healthy", "watch", "at_risk", "lapsed"] as const;

async function fullRun(asOf: Date) {
  expect((await runFullRescore({ ctx: system, input: { runId: (await queueRun(asOf)).id, chunkSize: 7 } })).status).toBe("succeeded");
}

/** The answer the overview must give: the live scores counted per tier (a running demo override's tier in its place). */
async function liveCounts(now: Date, stylistId?: string) {
  const rows = await db.execute<{ tier: string; n: number; total: number }>(sql`
    select coalesce(o.tier, s.tier)::text as tier, count(*)::int as n, sum(s.score)::int as total
    from client_scores s left join demo_tier_overrides o on o.client_id = s.client_id and o.expires_at > ${now.toISOString()}::timestamptz
    where s.tier is not null ${stylistId ? sql`and s.client_id in (select id from clients where stylist_id = ${stylistId})` : sql``} group by 1`);
  const byTier = Object.fromEntries(TIERS.map((t) => [t, rows.find((r) => r.tier === t)?.n ?? 0]));
  return { byTier, scoreSum: rows.reduce((sum, r) => sum + r.total, 0) };
}

async function shown(now: Date) {
  const admin = await userContext("admin");
  const overview = await getOverview(admin, parseDashboardRange({}, now));
  const summary = overview.summary;
  if (!summary || summary.averageScore === null) throw new Error("no counts");
  return { day: overview.day, byTier: summary.byTier, scoreSum: Math.round(summary.averageScore * summary.clients) };
}

describe("the overview's tier counts between full runs", () => {
  it("move with a single rescoring and a demo override at once, and a full run replaces them", async () => {
    const now = new Date();
    const lastRun = new Date(now.getTime() - 3 * DAY);
    const ids = await insertDemoClients(30, lastRun);
    await fullRun(lastRun);
    expect(await shown(now)).toEqual({ day: lastRun.toISOString().slice(0, 10), ...(await liveCounts(now)) });

    // A rescoring of a few clients a year on: most slip, and the counts follow in the same transaction.
    const moved = ids.slice(0, 6);
    const { tierChanges } = await db.transaction((tx) => scoreWithLatestModel(tx, { ids: moved }, new Date(now.getTime() + 365 * DAY)));
    expect(tierChanges).toBeGreaterThan(0);
    const afterRescore = await shown(now);
    // The counts as of today (copied from the run's day, then moved); the run's own day keeps what it showed.
    expect(afterRescore).toEqual({ day: now.toISOString().slice(0, 10), ...(await liveCounts(now)) });

    // A demo override moves one client to lapsed while it lasts; clearing it moves them back.
    const admin = await userContext("admin");
    const [healthy] = await db.execute<{ client_id: string }>(sql`select client_id from client_scores where tier <> 'lapsed' limit 1`);
    if (!healthy) throw new Error("no client to override");
    await overrideClientTier({ ctx: admin, input: { clientId: healthy.client_id, tier: "lapsed", days: "3" }, now });
    expect((await shown(now)).byTier).toEqual((await liveCounts(now)).byTier);
    expect((await shown(now)).byTier.lapsed).toBe(afterRescore.byTier.lapsed + 1);
    await clearTierOverride({ ctx: admin, input: { clientId: healthy.client_id } });
    expect(await shown(now)).toEqual(afterRescore);

    // Clients moving to another stylist take their place in each stylist's counts along.
    const ben = await userContext("stylist");
    await reassignClients({ ctx: admin, input: { to: ben.actor.id, scope: "selected", clientIds: moved.slice(0, 4) } });
    const bens = await getOverview(ben, parseDashboardRange({}, now));
    expect(bens.summary?.byTier).toEqual((await liveCounts(now, ben.actor.id)).byTier);
    expect(bens.summary?.clients).toBe(4);
    expect(await shown(now)).toEqual(afterRescore);

    // One that runs out counts until the sweep removes it.
    await overrideClientTier({ ctx: admin, input: { clientId: healthy.client_id, tier: "lapsed", days: "1" }, now });
    const later = new Date(now.getTime() + 2 * DAY);
    await expireTierOverrides({ ctx: admin, now: later });
    expect((await shown(later)).byTier).toEqual(afterRescore.byTier);
    expect((await shown(later)).byTier).toEqual((await liveCounts(later)).byTier);

    // A full run replaces its day's counts with its own (as of a date after the rescoring above, which it would
    // otherwise leave in place as the later score).
    const next = new Date(now.getTime() + 366 * DAY);
    await fullRun(next);
    expect(await shown(next)).toEqual({ day: next.toISOString().slice(0, 10), ...(await liveCounts(next)) });
  });

  it("leave a client whose only orders were cancelled: unscored rather than lapsed, with no change of tier on record", async () => {
    const now = new Date();
    const lastRun = new Date(now.getTime() - 3 * DAY);
    const [client] = await insertDemoClients(12, lastRun);
    if (!client) throw new Error("no client");
    await fullRun(lastRun);
    const before = await shown(now);
    const [scored] = await db.select({ tier: clientScores.tier }).from(clientScores).where(eq(clientScores.clientId, client));
    expect(scored?.tier).not.toBeNull();

    await db.update(orders).set({ status: "cancelled" }).where(eq(orders.clientId, client));
    await db.transaction((tx) => scoreWithLatestModel(tx, { ids: [client] }, now));
    const [row] = await db.select().from(clientScores).where(eq(clientScores.clientId, client));
    expect(row).toMatchObject({ tier: null, score: null, pAlive: null, pOrder90d: null, nextOrderExpectedAt: null, valueAtRiskCents: null });
    const after = await shown(now);
    expect(after).toEqual({ day: now.toISOString().slice(0, 10), ...(await liveCounts(now)) });
    expect(Object.values(after.byTier).reduce((sum, n) => sum + n, 0)).toBe(Object.values(before.byTier).reduce((sum, n) => sum + n, 0) - 1);
    expect(await db.$count(tierChanges, eq(tierChanges.clientId, client))).toBe(0);
    expect(await db.$count(engagementSnapshots, and(eq(engagementSnapshots.clientId, client), eq(engagementSnapshots.asOf, now)))).toBe(0);
    expect(await db.$count(eventOutbox, and(eq(eventOutbox.name, "rekindle/client.tier-changed"), sql`${eventOutbox.data}->>'clientId' = ${client}`))).toBe(0);

    // The next full run leaves them unscored too, and counts them nowhere.
    const next = new Date(now.getTime() + DAY);
    await fullRun(next);
    expect((await db.select({ tier: clientScores.tier }).from(clientScores).where(eq(clientScores.clientId, client)))[0]?.tier).toBeNull();
    expect((await shown(next)).byTier).toEqual(after.byTier);
  });

  it("keep a running demo override in its tier through a full run, so clearing it afterwards moves the client back once", async () => {
    const now = new Date();
    await insertDemoClients(20, new Date(now.getTime() - 3 * DAY));
    await fullRun(new Date(now.getTime() - 3 * DAY));
    const admin = await userContext("admin");
    const [client] = await db.execute<{ client_id: string }>(sql`select client_id from client_scores where tier = 'healthy' limit 1`);
    if (!client) throw new Error("no healthy client");
    await overrideClientTier({ ctx: admin, input: { clientId: client.client_id, tier: "lapsed", days: "5" }, now });
    await fullRun(now);
    expect(await shown(now)).toEqual({ day: now.toISOString().slice(0, 10), ...(await liveCounts(now)) });
    await clearTierOverride({ ctx: admin, input: { clientId: client.client_id } });
    expect(await shown(now)).toEqual({ day: now.toISOString().slice(0, 10), ...(await liveCounts(now)) });
  });
});
