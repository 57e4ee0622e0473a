import { eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { SystemActor } from "@/lib/domain/access/policy";
import { db } from "@/lib/server/db/client";
import { clients, clientScores, engagementSnapshots } from "@/lib/server/db/schema";
import { runFullRescore } from "@/lib/server/services/engagement/run-full-rescore";
import { insertDemoClients, queueRun } from "@/test/engagement-fixtures";
import { userContext } from "@/test/fixtures";
import { getOverview, latestRevenueAtRisk } from "./dashboard";

const SYSTEM: SystemActor = { type: "system", name: "test" };
const FIRST = new Date("2026-06-01T03:00:00Z");
const SECOND = new Date("2026-06-08T03:00:00Z");

async function fullRun(asOf: Date) {
  const run = await queueRun(asOf);
  expect((await runFullRescore({ ctx: { actor: SYSTEM, db }, input: { runId: run.id, chunkSize: 7 } })).status).toBe("succeeded");
  return run.id;
}

/** Tiers counted straight from one run's snapshots, optionally for one stylist: the answer the dashboard must give. */
async function snapshotTiers(runId: string, stylistId?: string) {
  const rows = await db
    .select({ tier: engagementSnapshots.tier, n: sql<number>`count(*)::int`, total: sql<number>`sum(${engagementSnapshots.score})::int` })
    .from(engagementSnapshots)
    .innerJoin(clients, eq(clients.id, engagementSnapshots.clientId))
    .where(stylistId ? sql`${engagementSnapshots.runId} = ${runId} and ${clients.stylistId} = ${stylistId}` : sql`${engagementSnapshots.runId} = ${runId}`)
    .groupBy(engagementSnapshots.tier);
  const byTier = { healthy: 0, watch: 0, at_risk: 0, lapsed: 0 };
  for (const row of rows) byTier[row.tier] = row.n;
  return { byTier, clients: rows.reduce((n, r) => n + r.n, 0), scoreSum: rows.reduce((n, r) => n + r.total, 0) };
}

describe("getOverview", () => {
  it("reports the latest run's tiers, the change since the run a week before, and the tiers over time, per stylist for stylists", async () => {
    const ann = await userContext("stylist");
    const bob = await userContext("stylist");
    // The demo generator's ids follow from its seed, so one batch is split between the two stylists.
    const ids = await insertDemoClients(23, FIRST, ann.actor.id);
    const annIds = ids.slice(0, 14);
    await db.update(clients).set({ stylistId: bob.actor.id }).where(inArray(clients.id, ids.slice(14)));
    const first = await fullRun(FIRST);
    // A week on, with no new orders, some clients slip a tier.
    const second = await fullRun(SECOND);
    const expected = await snapshotTiers(second);
    const before = await snapshotTiers(first);

    const marketer = await userContext("marketer");
    const overview = await getOverview(marketer, { from: "2026-05-01", to: "2026-06-30" });
    expect(overview.day).toBe("2026-06-08");
    expect(overview.previousDay).toBe("2026-06-01");
    expect(overview.summary?.clients).toBe(23);
    expect(overview.summary?.byTier).toEqual(expected.byTier);
    expect(overview.summary?.active).toBe(23 - expected.byTier.lapsed);
    expect(overview.summary?.averageScore).toBeCloseTo(expected.scoreSum / 23, 10);
    expect(overview.summary?.scoreBands.reduce((a, b) => a + b, 0)).toBe(23);
    expect(overview.changes).toEqual({
      healthy: expected.byTier.healthy - before.byTier.healthy,
      watch: expected.byTier.watch - before.byTier.watch,
      at_risk: expected.byTier.at_risk - before.byTier.at_risk,
      lapsed: expected.byTier.lapsed - before.byTier.lapsed,
    });
    expect(Object.values(overview.changes ?? {}).some((change) => change !== 0)).toBe(true);
    expect(overview.series.map((p) => p.day)).toEqual(["2026-06-01", "2026-06-08"]);
    expect(overview.series[0]).toMatchObject(before.byTier);

    // The counts agree with the live scores the second run left (client_scores was swapped in by drop-and-rename).
    const live = await db.select({ n: sql<number>`count(*)::int` }).from(clientScores).where(eq(clientScores.tier, "lapsed"));
    expect(live[0]?.n).toBe(expected.byTier.lapsed);
    // Revenue at risk: the live value at risk of the at-risk and lapsed clients, summed.
    const [atRisk] = await db
      .select({ cents: sql<number>`coalesce(sum(${clientScores.valueAtRiskCents}), 0)::float8` })
      .from(clientScores)
      .where(inArray(clientScores.tier, ["at_risk", "lapsed"]));
    expect(expected.byTier.at_risk + expected.byTier.lapsed).toBeGreaterThan(0);
    expect(overview.summary?.revenueAtRiskCents).toBeGreaterThan(0);
    expect(overview.summary?.revenueAtRiskCents).toBeCloseTo(atRisk?.cents ?? Number.NaN, -1);
    expect((await latestRevenueAtRisk(marketer))?.cents).toBe(overview.summary?.revenueAtRiskCents);

    const annView = await getOverview(ann, { from: "2026-05-01", to: "2026-06-30" });
    expect(annView.summary?.clients).toBe(annIds.length);
    expect(annView.summary?.byTier).toEqual((await snapshotTiers(second, ann.actor.id)).byTier);

    // As of a date before the second run, the first run is the latest.
    expect((await getOverview(marketer, { from: "2026-05-01", to: "2026-06-05" })).day).toBe("2026-06-01");
  });

  it("has nothing to show before the first full run", async () => {
    const admin = await userContext("admin");
    expect(await getOverview(admin, { from: "2026-05-01", to: "2026-06-30" })).toEqual({ day: null, previousDay: null, summary: null, changes: null, series: [] });
  });

  it("replaces a day's counts when the same date is scored again", async () => {
    await insertDemoClients(6, FIRST, null);
    await fullRun(FIRST);
    await fullRun(FIRST);
    const admin = await userContext("admin");
    expect((await getOverview(admin, { from: "2026-05-01", to: "2026-06-30" })).summary?.clients).toBe(6);
  });
});
