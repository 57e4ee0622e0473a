import { asc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { clients, clientScores, engagementSnapshots, modelFits, tierChanges } from "@/lib/server/db/schema";
import { runFullRescore } from "@/lib/server/services/engagement/run-full-rescore";
import { insertDemoClients, queueRun, runById } from "@/test/engagement-fixtures";
import { userContext } from "@/test/fixtures";
import { beginFullRun, directSteps, executeFullRun } from "./full-run";
import { fitFullRun, learnForFullRun } from "./full-run-fit";
import { publishFullRun } from "./full-run-publish";
import { scoreChunk } from "./full-run-score";
import { stageChunk } from "./full-run-stage";
import { stagedHistoriesTable } from "./full-run-tables";
import { recordTierCounts } from "./tier-counts";

const AS_OF = new Date("2026-06-01T00:00:00Z");
const SYSTEM = { actor: { type: "system", name: "test" } as const, db };
const NOTHING_LEARNED = { weights: null, calibration: null };

const snapshotsOf = (runId: string) =>
  db
    .select({ clientId: engagementSnapshots.clientId, score: engagementSnapshots.score, tier: engagementSnapshots.tier, pAlive: engagementSnapshots.pAlive, next: engagementSnapshots.nextOrderExpectedAt })
    .from(engagementSnapshots)
    .where(eq(engagementSnapshots.runId, runId))
    .orderBy(asc(engagementSnapshots.clientId));

describe("a full run's steps", () => {
  it("each change nothing when repeated after their work committed (a step retried because its result was never stored)", async () => {
    const ids = await insertDemoClients(40, AS_OF);
    const stylist = await userContext("stylist");
    await db.update(clients).set({ stylistId: stylist.actor.id }).where(inArray(clients.id, ids.slice(0, 15)));
    const run = await queueRun(AS_OF);
    const plan = await beginFullRun(db, run.id, 12);
    if (!plan) throw new Error("not begun");
    expect(plan.chunks).toHaveLength(4);
    const staged: number[] = [];
    for (const [chunk, range] of plan.chunks.entries()) {
      const first = await stageChunk(db, { runId: run.id, asOf: AS_OF, chunk, range });
      expect(await stageChunk(db, { runId: run.id, asOf: AS_OF, chunk, range })).toBe(first);
      staged.push(first);
    }
    expect(staged).toEqual([12, 12, 12, 4]);
    expect((await runById(run.id))?.done).toBe(20);
    const learned = await learnForFullRun(db, { runId: run.id, asOf: AS_OF });
    expect(await learnForFullRun(db, { runId: run.id, asOf: AS_OF })).toEqual(learned);
    const fit = { runId: run.id, asOf: AS_OF, staged, learned };
    const modelFitId = await fitFullRun(db, fit);
    expect(await fitFullRun(db, fit)).toBe(modelFitId);
    expect(modelFitId).not.toBeNull();
    expect(await db.$count(modelFits)).toBe(1);
    for (let chunk = 0; chunk < 4; chunk++) {
      const score = { runId: run.id, asOf: AS_OF, chunk, range: plan.chunks[chunk] ?? { after: null, upTo: null }, modelFitId, staged: staged[chunk] ?? 0 };
      expect(await scoreChunk(db, score)).toBe(staged[chunk]);
      expect(await scoreChunk(db, score)).toBe(0);
    }
    const publish = { runId: run.id, asOf: AS_OF, readHorizon: plan.readHorizon, loaded: 40 };
    await publishFullRun(db, publish);
    await publishFullRun(db, publish);
    expect(await runById(run.id)).toMatchObject({ status: "succeeded", done: 40, total: 40, modelFitId });
    const snapshots = await snapshotsOf(run.id);
    expect(snapshots).toHaveLength(40);
    // The day's counts per stylist and tier, counted while scoring, are those of the snapshots.
    await recordTierCounts(db, { runId: run.id, asOf: AS_OF });
    await recordTierCounts(db, { runId: run.id, asOf: AS_OF });
    const counted = await db.execute(sql`select stylist_id, tier, clients, score_sum::int, score_bands from tier_counts_daily where day = '2026-06-01' order by 1, 2`);
    // As the counts were made before: one query over the run's snapshots and their clients.
    const bands = Array.from({ length: 10 }, (_, band) => `coalesce(sum(n) filter (where band = ${band}), 0)::int`).join(", ");
    const expected = await db.execute(sql`
      select stylist_id, tier, sum(n)::int as clients, sum(total)::int as score_sum, array[${sql.raw(bands)}] as score_bands
      from (select c.stylist_id, s.tier::text as tier, least(s.score / 10, 9) as band, count(*) as n, sum(s.score) as total
            from engagement_snapshots s join clients c on c.id = s.client_id where s.run_id = ${run.id}::uuid group by 1, 2, 3) per_band
      group by 1, 2 order by 1, 2`);
    expect(counted).toEqual(expected);
    expect(new Set(counted.map((row) => row.stylist_id)).size).toBe(2);

    // The same date in one go (other chunk boundaries, chunks side by side) gives the same rows.
    const again = await runFullRescore({ ctx: SYSTEM, input: { runId: (await queueRun(AS_OF)).id, chunkSize: 5 } });
    expect(await snapshotsOf(again.id)).toEqual(snapshots);
    expect(await db.$count(tierChanges)).toBe(0);
  });

  it("marks the run failed and drops its working tables when a step fails, leaving the live scores alone", async () => {
    await insertDemoClients(10, AS_OF);
    const run = await queueRun(AS_OF);
    const failing = { run: <T>(id: string, work: () => Promise<T>) => (id === "score-chunk-1" ? Promise.reject(new Error("the step's invocation timed out")) : work()), workers: 1 };
    expect(await executeFullRun(db, run.id, failing, 4)).toEqual({ runId: run.id, status: "failed", error: "the step's invocation timed out" });
    expect(await runById(run.id)).toMatchObject({ status: "failed", error: "the step's invocation timed out" });
    const leftovers = await db.$client`select relname from pg_class where relname ~ '^(scoring_stage_|scoring_changes_|scoring_counts_|snapshots_run_)'`;
    expect(leftovers).toHaveLength(0);
    expect(await db.$count(clientScores, isNotNull(clientScores.score))).toBe(0);
    expect(await executeFullRun(db, run.id, directSteps(1), 4)).toEqual({ runId: run.id, status: "not queued" });
  });

  it("fails a run whose learning fails beside its reads only once no read is still staging, leaving no working table", async () => {
    await insertDemoClients(10, AS_OF);
    const run = await queueRun(AS_OF);
    const failing = { run: <T>(id: string, work: () => Promise<T>) => (id === "learn" ? Promise.reject(new Error("the learning step timed out")) : work()), workers: 4 };
    expect(await executeFullRun(db, run.id, failing, 3)).toEqual({ runId: run.id, status: "failed", error: "the learning step timed out" });
    const leftovers = await db.$client`select relname from pg_class where relname ~ '^(scoring_stage_|scoring_changes_|scoring_counts_|snapshots_run_)'`;
    expect(leftovers).toHaveLength(0);
  });

  it("fits the model on the first chunks holding the sample's clients, and counts every staged client in the run", async () => {
    await insertDemoClients(200, AS_OF);
    const run = await queueRun(AS_OF);
    const plan = await beginFullRun(db, run.id, 50);
    if (!plan) throw new Error("not begun");
    const staged: number[] = [];
    for (const [chunk, range] of plan.chunks.entries()) staged.push(await stageChunk(db, { runId: run.id, asOf: AS_OF, chunk, range }));
    const modelFitId = await fitFullRun(db, { runId: run.id, asOf: AS_OF, staged, learned: NOTHING_LEARNED, sample: 75 });
    const [fit] = await db.select().from(modelFits).where(eq(modelFits.id, modelFitId ?? ""));
    // Two chunks of fifty hold the 75: the fit counts their clients with orders, and no others.
    const withOrders = await db.execute<{ n: number }>(sql`
      select count(distinct client_id)::int as n from orders where client_id <= ${plan.chunks[1]?.upTo}::uuid and status <> 'cancelled' and ordered_at <= ${AS_OF.toISOString()}::timestamptz`);
    expect(fit?.customers).toBe(withOrders[0]?.n);
    expect(fit?.customers).toBeLessThan(200);
    expect(await runById(run.id)).toMatchObject({ total: 200 });
  });

  it("refuses to score a chunk whose staged rows were lost (an unlogged table after a database crash)", async () => {
    await insertDemoClients(10, AS_OF);
    const run = await queueRun(AS_OF);
    const plan = await beginFullRun(db, run.id, 100);
    const range = plan?.chunks[0];
    if (!range) throw new Error("not begun");
    const staged = await stageChunk(db, { runId: run.id, asOf: AS_OF, chunk: 0, range });
    const modelFitId = await fitFullRun(db, { runId: run.id, asOf: AS_OF, staged: [staged], learned: NOTHING_LEARNED });
    await db.execute(sql.raw(`truncate ${stagedHistoriesTable(run.id, 0)}`));
    await expect(scoreChunk(db, { runId: run.id, asOf: AS_OF, chunk: 0, range, modelFitId, staged })).rejects.toThrow(/holds 0 of the 10 clients staged/);
  });
});
