import { asc, eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { SystemActor } from "@/lib/domain/access/policy";
import { db } from "@/lib/server/db/client";
import { clientScores, clients, engagementSnapshots, modelFits, tierChanges } from "@/lib/server/db/schema";
import { ConflictError, ForbiddenError } from "@/lib/server/errors";
import { insertDemoClients, queueRun, runById, tableExists } from "@/test/engagement-fixtures";
import { userContext } from "@/test/fixtures";
import { getLatestScoringRun } from "@/lib/server/data/scoring-runs";
import { rescoreClient } from "./rescore-client";
import { rescoreClients } from "./rescore-clients";
import { runFullRescore } from "./run-full-rescore";
import { RUN_TABLE_PATTERN, runSnapshotsTable } from "@/lib/server/engagement/run-snapshots";
import { startFullRescore } from "./start-full-rescore";

const AS_OF = new Date("2026-06-01T00:00:00Z");
const SYSTEM: SystemActor = { type: "system", name: "test" };
// Small chunks, so a few dozen clients still take several chunks across both workers.
const run = (runId: string) => runFullRescore({ ctx: { actor: SYSTEM, db }, input: { runId, chunkSize: 7 } });

async function snapshotsAt(asOf: Date) {
  return db
    .select({ clientId: engagementSnapshots.clientId, score: engagementSnapshots.score, tier: engagementSnapshots.tier, pAlive: engagementSnapshots.pAlive, recency: engagementSnapshots.recency, keepRate: engagementSnapshots.keepRate, modelFitId: engagementSnapshots.modelFitId })
    .from(engagementSnapshots)
    .where(eq(engagementSnapshots.asOf, asOf))
    .orderBy(asc(engagementSnapshots.clientId));
}

/** The partitions of engagement_snapshots that hold a full run's rows. */
async function runPartitions() {
  const rows = await db.execute<{ name: string }>(sql`
    select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
    where i.inhparent = 'engagement_snapshots'::regclass and c.relname ~ ${RUN_TABLE_PATTERN} order by 1`);
  return rows.map((r) => r.name);
}

async function swapIsWaiting() {
  const rows = await db.execute(sql`select 1 from pg_locks where relation = 'client_scores'::regclass and mode = 'AccessExclusiveLock' and not granted`);
  return rows.length > 0;
}

const currentValues = () =>
  db
    .select({ id: clientScores.clientId, score: clientScores.score, tier: clientScores.tier, pAlive: clientScores.pAlive, pOrder: clientScores.pOrder90d, next: clientScores.nextOrderExpectedAt, scoredAt: clientScores.scoredAt, valueAtRisk: clientScores.valueAtRiskCents })
    .from(clientScores)
    .orderBy(asc(clientScores.clientId));

describe("full rescoring", () => {
  it("fits the model once, writes one snapshot per client and the current values, and counts progress", async () => {
    const admin = await userContext("admin");
    const ids = await insertDemoClients(60, AS_OF);
    const [orderless] = await db.insert(clients).values({ name: "No orders yet", email: "none@example.com" }).returning({ id: clients.id });
    const queued = await startFullRescore({ ctx: admin, input: { asOf: AS_OF.toISOString() } });
    const finished = await run(queued.id);

    expect(finished).toMatchObject({ status: "succeeded", total: 61, done: 61, error: null, startedBy: admin.actor.id });
    const [fit] = await db.select().from(modelFits);
    expect(finished.modelFitId).toBe(fit?.id);
    expect(fit).toMatchObject({ model: "mbgnbd", customers: 60, asOf: AS_OF });
    // One snapshot per client with orders; the client without keeps no score (see keepsScore).
    const snapshots = await snapshotsAt(AS_OF);
    expect(snapshots).toHaveLength(60);
    expect(new Set(snapshots.map((s) => s.clientId))).toEqual(new Set(ids));
    const all = await currentValues();
    expect(all.find((c) => c.id === orderless?.id)).toMatchObject({ score: null, tier: null, pAlive: null, valueAtRisk: null, scoredAt: AS_OF });
    const values = all.filter((c) => c.id !== orderless?.id);
    expect(values.every((c) => c.score !== null && c.tier !== null && c.scoredAt?.getTime() === AS_OF.getTime())).toBe(true);
    // Every score carries its value at risk (Today's ranking).
    expect(values.every((c) => c.valueAtRisk !== null && c.valueAtRisk >= 0)).toBe(true);
    expect(values.filter((c) => ids.includes(c.id)).every((c) => c.pAlive !== null && c.pAlive >= 0 && c.pAlive <= 1)).toBe(true);
    expect(all.map((c) => c.id).sort()).toEqual((await db.select({ id: clients.id }).from(clients)).map((c) => c.id).sort());
    expect(new Set(values.map((c) => c.tier)).size).toBeGreaterThan(2);
    expect(snapshots.every((s) => s.modelFitId === fit?.id)).toBe(true);
    // Clients start unscored, and a first score is not a change of tier.
    expect(await db.$count(tierChanges, eq(tierChanges.runId, finished.id))).toBe(0);
  });

  it("scores every client exactly as rescoring that client alone with the run's model does", async () => {
    const admin = await userContext("admin");
    await insertDemoClients(50, AS_OF);
    await db.insert(clients).values({ name: "No orders yet", email: "none@example.com" });
    expect((await run((await queueRun(AS_OF)).id)).status).toBe("succeeded");
    const everySnapshotColumn = () =>
      db
        .select({
          clientId: engagementSnapshots.clientId, score: engagementSnapshots.score, tier: engagementSnapshots.tier, recency: engagementSnapshots.recency,
          frequency: engagementSnapshots.frequency, value: engagementSnapshots.value, keepRate: engagementSnapshots.keepRate, pAlive: engagementSnapshots.pAlive,
          expected: engagementSnapshots.expectedOrders90d, next: engagementSnapshots.nextOrderExpectedAt, modelFitId: engagementSnapshots.modelFitId,
          modelVersion: engagementSnapshots.modelVersion,
        })
        .from(engagementSnapshots)
        .orderBy(asc(engagementSnapshots.clientId));
    const [bulkSnapshots, bulkValues] = [await everySnapshotColumn(), await currentValues()];
    expect(new Set(bulkSnapshots.map((s) => s.tier)).size).toBeGreaterThan(2);
    expect(bulkSnapshots.filter((s) => s.pAlive !== null && s.next !== null)).not.toHaveLength(0);
    // The list rounds as it shows: P(alive) and the chance of an order to 0.01. Its next order is the client's due
    // date by their rhythm: some clients already overdue as of the run, as their pages say.
    const whole = (value: number | null) => value === null || Math.abs(value - Math.round(value)) < 1e-4;
    expect(bulkValues.every((v) => whole(v.pAlive === null ? null : v.pAlive * 100) && whole(v.pOrder === null ? null : v.pOrder * 100))).toBe(true);
    expect(bulkValues.filter((v) => v.next !== null && v.next < AS_OF)).not.toHaveLength(0);

    const ids = (await db.select({ id: clients.id }).from(clients)).map((c) => c.id);
    await rescoreClients({ ctx: admin, input: { clientIds: ids, asOf: AS_OF.toISOString() } });
    // The one-client path replaced every snapshot of that date with its own, and found no list row to change.
    expect(await everySnapshotColumn()).toEqual(bulkSnapshots);
    expect(await currentValues()).toEqual(bulkValues);
  });

  it("learns the score's weights on the 90 days before the run, stores them with the model, and scores with them as single-client rescoring does", async () => {
    const admin = await userContext("admin");
    await insertDemoClients(300, AS_OF);
    expect((await run((await queueRun(AS_OF)).id)).status).toBe("succeeded");
    const [fit] = await db.select().from(modelFits);
    const weights = ["w_recency", "w_frequency", "w_value", "w_keepRate", "w_outlook"].map((key) => fit?.params[key] ?? Number.NaN);
    expect(weights.every((w) => w >= 0)).toBe(true);
    expect(weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 6);
    expect(fit?.params.w_outlook ?? 0).toBeGreaterThan(0);
    expect(Number.isFinite(fit?.params.cal_slope ?? Number.NaN)).toBe(true);
    const bulk = await currentValues();
    const ids = bulk.map((c) => c.id);
    await rescoreClients({ ctx: admin, input: { clientIds: ids, asOf: AS_OF.toISOString() } });
    expect(await currentValues()).toEqual(bulk);
    // One-order clients too can have lapsed (MBG/NBD): P(alive) is no longer 1 for anyone merely for lack of a repeat order.
    expect(bulk.some((c) => c.pAlive !== null && c.pAlive < 0.5)).toBe(true);
  });

  it("gives identical results when rerun with the same as-of date, without duplicating snapshots or tier changes", async () => {
    const admin = await userContext("admin");
    await insertDemoClients(40, AS_OF);
    const earlier = new Date(AS_OF.getTime() - 45 * 86_400_000);
    await run((await startFullRescore({ ctx: admin, input: { asOf: earlier.toISOString() } })).id);
    const first = await run((await startFullRescore({ ctx: admin, input: { asOf: AS_OF.toISOString() } })).id);
    const [snapshotsBefore, valuesBefore] = [await snapshotsAt(AS_OF), await currentValues()];
    const changesBefore = await db.$count(tierChanges, eq(tierChanges.runId, first.id));
    const second = await run((await startFullRescore({ ctx: admin, input: { asOf: AS_OF.toISOString() } })).id);

    expect(second.status).toBe("succeeded");
    expect(changesBefore).toBeGreaterThan(0);
    expect((await snapshotsAt(AS_OF)).map(({ modelFitId: _, ...rest }) => rest)).toEqual(snapshotsBefore.map(({ modelFitId: _, ...rest }) => rest));
    expect(await currentValues()).toEqual(valuesBefore);
    // One per client with orders by each date (a client's first order after the earlier one gives no snapshot then).
    const withOrdersBy = async (date: Date) =>
      (await db.execute<{ n: number }>(sql`select count(distinct client_id)::int as n from orders where status <> 'cancelled' and ordered_at <= ${date.toISOString()}::timestamptz`))[0]?.n ?? 0;
    expect(await db.$count(engagementSnapshots)).toBe((await withOrdersBy(earlier)) + (await withOrdersBy(AS_OF)));
    expect(await db.$count(tierChanges, eq(tierChanges.runId, second.id))).toBe(0);
  });

  it("keeps each run's snapshots in a partition of their own, which a rerun of the same date replaces with the single-client snapshots of that date", async () => {
    const admin = await userContext("admin");
    const ids = await insertDemoClients(20, AS_OF);
    const first = await run((await startFullRescore({ ctx: admin, input: { asOf: AS_OF.toISOString() } })).id);
    const later = new Date(AS_OF.getTime() + 86_400_000);
    const other = await run((await startFullRescore({ ctx: admin, input: { asOf: later.toISOString() } })).id);
    expect(await runPartitions()).toEqual([runSnapshotsTable(first.id), runSnapshotsTable(other.id)].sort());
    // Rescored alone as of the run's date: the client's snapshot of that date is now one of its own.
    await rescoreClient({ ctx: admin, input: { clientId: ids[0] ?? "", asOf: AS_OF.toISOString() } });
    expect(await db.$count(engagementSnapshots, sql`${engagementSnapshots.runId} is null`)).toBe(1);

    const rerun = await run((await startFullRescore({ ctx: admin, input: { asOf: AS_OF.toISOString() } })).id);
    expect(rerun.status).toBe("succeeded");
    expect(await runPartitions()).toEqual([runSnapshotsTable(other.id), runSnapshotsTable(rerun.id)].sort());
    const rows = await db.select({ runId: engagementSnapshots.runId, asOf: engagementSnapshots.asOf }).from(engagementSnapshots);
    expect(rows.filter((r) => r.asOf.getTime() === AS_OF.getTime()).every((r) => r.runId === rerun.id)).toBe(true);
    expect(rows).toHaveLength(40);
  });

  it("drops the snapshots table of a run that fails, and the next run drops one left by a process that died", async () => {
    const admin = await userContext("admin");
    await insertDemoClients(20, AS_OF);
    const done = await run((await startFullRescore({ ctx: admin, input: { asOf: AS_OF.toISOString() } })).id);
    const valuesBefore = await currentValues();
    // A partition already holding the next run's id makes its swap fail at the very end.
    const failing = await startFullRescore({ ctx: admin, input: { asOf: new Date(AS_OF.getTime() + 86_400_000).toISOString() } });
    await db.execute(sql.raw(`create table squatter partition of engagement_snapshots for values in ('${failing.id}')`));
    const failed = await run(failing.id);
    expect(failed).toMatchObject({ status: "failed", error: expect.stringMatching(/overlap/) });
    expect(await tableExists(runSnapshotsTable(failing.id))).toBe(false);
    expect(await currentValues()).toEqual(valuesBefore);
    await db.execute(sql`drop table squatter`);

    // What a run that died between loading and going live leaves behind.
    const orphan = runSnapshotsTable(crypto.randomUUID());
    await db.execute(sql.raw(`create table ${orphan} (like engagement_snapshots)`));
    const next = await run((await startFullRescore({ ctx: admin, input: { asOf: new Date(AS_OF.getTime() + 2 * 86_400_000).toISOString() } })).id);
    expect(next.status).toBe("succeeded");
    expect(await tableExists(orphan)).toBe(false);
    // The partitions of runs that went live stay.
    expect(await runPartitions()).toEqual([runSnapshotsTable(done.id), runSnapshotsTable(next.id)].sort());
  });

  it("waits for a single-client rescoring under way instead of deadlocking with it, when a rerun replaces a date", async () => {
    const admin = await userContext("admin");
    const [client] = await insertDemoClients(20, AS_OF);
    await run((await startFullRescore({ ctx: admin, input: { asOf: AS_OF.toISOString() } })).id);
    // A single-client rescoring half-way: it has read the client's scores and not yet replaced its snapshot.
    const rescoring = await db.$client.reserve();
    try {
      await rescoring.unsafe("begin");
      await rescoring.unsafe("select score from client_scores where client_id = $1", [client ?? ""]);
      const rerun = run((await startFullRescore({ ctx: admin, input: { asOf: AS_OF.toISOString() } })).id);
      // The rerun's swap now waits for client_scores; the rescoring goes on to the snapshots.
      for (let waited = 0; !(await swapIsWaiting()); waited += 20) {
        if (waited > 20_000) throw new Error("the swap never waited for client_scores");
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await rescoring.unsafe("delete from engagement_snapshots where client_id = $1 and as_of = $2", [client ?? "", AS_OF.toISOString()]);
      await rescoring.unsafe("commit");
      expect((await rerun).status).toBe("succeeded");
    } finally {
      rescoring.release();
    }
  });

  it("keeps a score a client got as of a later date, and a client created meanwhile, when the full run's table is swapped in", async () => {
    const admin = await userContext("admin");
    const [rescored] = await insertDemoClients(20, AS_OF);
    await run((await startFullRescore({ ctx: admin, input: { asOf: AS_OF.toISOString() } })).id);
    const later = new Date(AS_OF.getTime() + 10 * 86_400_000);
    await rescoreClient({ ctx: admin, input: { clientId: rescored ?? "", asOf: later.toISOString() } });
    const [laterValues] = (await currentValues()).filter((c) => c.id === rescored);

    await run((await startFullRescore({ ctx: admin, input: { asOf: AS_OF.toISOString() } })).id);
    const values = await currentValues();
    expect(values.find((c) => c.id === rescored)).toEqual(laterValues);
    expect(values.filter((c) => c.id !== rescored).every((c) => c.scoredAt?.getTime() === AS_OF.getTime())).toBe(true);

    // A client created after the swap still gets its (unscored) row, through the trigger on the swapped-in table.
    const [created] = await db.insert(clients).values({ name: "After the swap", email: "after@example.com" }).returning({ id: clients.id });
    expect((await currentValues()).find((c) => c.id === created?.id)).toMatchObject({ score: null, tier: null });
  });

  it("keeps using the last usable model when a run's own data cannot be fitted", async () => {
    const admin = await userContext("admin");
    const ids = await insertDemoClients(40, AS_OF);
    const first = await run((await startFullRescore({ ctx: admin, input: { asOf: AS_OF.toISOString() } })).id);
    expect(first.modelFitId).not.toBeNull();
    // Too few buyers left for a fit of their own.
    await db.delete(clients).where(inArray(clients.id, ids.slice(0, 20)));
    const later = new Date(AS_OF.getTime() + 10 * 86_400_000);
    const second = await run((await startFullRescore({ ctx: admin, input: { asOf: later.toISOString() } })).id);

    expect(second.status).toBe("succeeded");
    expect(second.modelFitId).toBe(first.modelFitId);
    expect(await db.$count(modelFits)).toBe(1);
    const snapshots = await snapshotsAt(later);
    expect(snapshots).toHaveLength(20);
    expect(snapshots.every((s) => s.modelFitId === first.modelFitId && s.pAlive !== null)).toBe(true);
    // The settings page says so.
    expect(await getLatestScoringRun(admin)).toMatchObject({ id: second.id, asOf: later.toISOString(), modelAsOf: AS_OF.toISOString(), modelReused: false });
  });

  it("records a tier change only for clients whose tier moved", async () => {
    const admin = await userContext("admin");
    await insertDemoClients(40, AS_OF);
    await run((await startFullRescore({ ctx: admin, input: { asOf: AS_OF.toISOString() } })).id);
    const later = new Date(AS_OF.getTime() + 45 * 86_400_000);
    const second = await run((await startFullRescore({ ctx: admin, input: { asOf: later.toISOString() } })).id);

    const moved = await db.execute<{ client_id: string }>(sql`
      select a.client_id from engagement_snapshots a join engagement_snapshots b on b.client_id = a.client_id
      where a.as_of = ${AS_OF.toISOString()}::timestamptz and b.as_of = ${later.toISOString()}::timestamptz and a.tier <> b.tier`);
    expect(moved.length).toBeGreaterThan(0);
    expect(moved.length).toBeLessThan(40);
    const changes = await db.select({ clientId: tierChanges.clientId }).from(tierChanges).where(eq(tierChanges.runId, second.id));
    expect(changes.map((c) => c.clientId).sort()).toEqual(moved.map((m) => m.client_id).sort());
  });

  it("runs two runs started together one after the other, leaving one consistent result", async () => {
    await insertDemoClients(40, AS_OF);
    const [a, b] = [await queueRun(AS_OF), await queueRun(AS_OF)];
    const outcomes = await Promise.all([run(a.id), run(b.id)]);

    expect(outcomes.map((o) => [o.status, o.done])).toEqual([
      ["succeeded", 40],
      ["succeeded", 40],
    ]);
    // Serialised by the run lock: one finished before the other started.
    const [first, second] = [await runById(a.id), await runById(b.id)].sort((x, y) => (x?.startedAt?.getTime() ?? 0) - (y?.startedAt?.getTime() ?? 0));
    expect(first?.finishedAt?.getTime()).toBeLessThanOrEqual(second?.startedAt?.getTime() ?? 0);
    expect(await db.$count(engagementSnapshots)).toBe(40);
    expect(await db.$count(tierChanges)).toBe(0);
    expect((await currentValues()).every((c) => c.scoredAt?.getTime() === AS_OF.getTime())).toBe(true);
  });

  it("refuses to queue a second run while one is waiting or running, and marks runs silent for a quarter of an hour failed", async () => {
    const admin = await userContext("admin");
    const results = await Promise.allSettled([startFullRescore({ ctx: admin, input: {} }), startFullRescore({ ctx: admin, input: {} })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")?.reason).toBeInstanceOf(ConflictError);

    // A "running" run whose steps have made no progress for a quarter of an hour was given up.
    const abandoned = await queueRun(AS_OF);
    await db.execute(sql`update scoring_runs set status = 'running', progressed_at = now() - interval '16 minutes' where id = ${abandoned.id}::uuid`);
    await db.execute(sql`update scoring_runs set status = 'succeeded' where id <> ${abandoned.id}::uuid`);
    const fresh = await startFullRescore({ ctx: admin, input: {} });
    expect(fresh.status).toBe("queued");
    expect(await runById(abandoned.id)).toMatchObject({ status: "failed", error: expect.stringMatching(/Interrupted/) });
  });

  it("lets only admins start a full run", async () => {
    for (const role of ["marketer", "stylist"] as const) {
      const ctx = await userContext(role);
      await expect(startFullRescore({ ctx, input: {} })).rejects.toBeInstanceOf(ForbiddenError);
    }
  });
});
