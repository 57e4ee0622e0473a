import { asc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { readSettings } from "@/lib/server/data/settings";
import { clients, clientScores, engagementSnapshots, importJobs, modelFits, scoringRuns, tierChanges } from "@/lib/server/db/schema";
import { updateSettings } from "@/lib/server/services/settings/update-settings";
import { runFullRescore } from "@/lib/server/services/engagement/run-full-rescore";
import { insertDemoClients, queueRun, runById } from "@/test/engagement-fixtures";
import { userContext } from "@/test/fixtures";
import { beginFullRun, directSteps, executeFullRun } from "./full-run";
import { fitFullRun, learnForFullRun } from "./full-run-fit";
import { publishFullRun } from "./full-run-publish";
import { scoreChunk } from "./full-run-score";
import { stageChunk } from "./full-run-stage";
import { stagedHistoriesTable } from "./full-run-tables";
import { nextChunkEnd } from "./client-selection";
import { runSnapshotsTable } from "./run-snapshots";
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
    // A sample of 30 clients: the first three chunks are staged, the last read as it is scored.
    const plan = await beginFullRun(db, run.id, 12, 30);
    if (!plan) throw new Error("not begun");
    expect(plan.chunks).toHaveLength(4);
    expect(plan.sampleChunks).toBe(3);
    expect(await runById(run.id)).toMatchObject({ total: 40, done: 0 });
    const staged: number[] = [];
    for (const [chunk, range] of plan.chunks.slice(0, plan.sampleChunks).entries()) {
      const first = await stageChunk(db, { runId: run.id, asOf: AS_OF, chunk, range });
      expect(await stageChunk(db, { runId: run.id, asOf: AS_OF, chunk, range })).toBe(first);
      staged.push(first);
    }
    expect(staged).toEqual([12, 12, 12]);
    expect((await runById(run.id))?.done).toBe(18);
    const learned = await learnForFullRun(db, { runId: run.id, asOf: AS_OF });
    expect(await learnForFullRun(db, { runId: run.id, asOf: AS_OF })).toEqual(learned);
    const fit = { runId: run.id, asOf: AS_OF, staged, learned, reused: null };
    const modelFitId = await fitFullRun(db, fit);
    expect(await fitFullRun(db, fit)).toBe(modelFitId);
    expect(modelFitId).not.toBeNull();
    expect(await db.$count(modelFits)).toBe(1);
    for (let chunk = 0; chunk < 4; chunk++) {
      const score = { runId: run.id, asOf: AS_OF, chunk, range: plan.chunks[chunk] ?? { after: null, upTo: null }, modelFitId, staged: staged[chunk] ?? null };
      const clients = chunk < 3 ? 12 : 4;
      expect(await scoreChunk(db, score)).toBe(clients);
      expect(await scoreChunk(db, score)).toBe(clients);
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

    // The same date again with the same model and other chunk boundaries, every chunk read as it is scored, gives
    // the same rows: a chunk read as it is scored is scored as a staged one.
    const again = await queueRun(AS_OF);
    const unstaged = await beginFullRun(db, again.id, 5);
    if (!unstaged) throw new Error("not begun");
    expect(await fitFullRun(db, { runId: again.id, asOf: AS_OF, staged: [], learned: NOTHING_LEARNED, reused: modelFitId })).toBe(modelFitId);
    for (const [chunk, range] of unstaged.chunks.entries()) await scoreChunk(db, { runId: again.id, asOf: AS_OF, chunk, range, modelFitId, staged: null });
    await publishFullRun(db, { runId: again.id, asOf: AS_OF, readHorizon: unstaged.readHorizon, loaded: 40 });
    expect(await snapshotsOf(again.id)).toEqual(snapshots);
    expect(await db.$count(tierChanges)).toBe(0);
    expect(await db.$count(modelFits)).toBe(1);

    // And in one go (its own fit, chunks side by side), every client is scored once.
    const oneGo = await runFullRescore({ ctx: SYSTEM, input: { runId: (await queueRun(AS_OF)).id, chunkSize: 5 } });
    expect(await runById(oneGo.id)).toMatchObject({ status: "succeeded", done: 40, total: 40 });
    expect(await snapshotsOf(oneGo.id)).toHaveLength(40);
    // No run leaves a working table behind.
    expect(await db.$client`select relname from pg_class where relname ~ '^(scoring_stage_|scoring_changes_|scoring_counts_|scoring_scored_)'`).toHaveLength(0);
  });

  it("marks the run failed and drops its working tables when a step fails, leaving the live scores alone", async () => {
    await insertDemoClients(10, AS_OF);
    const run = await queueRun(AS_OF);
    const failing = { run: <T>(id: string, work: () => Promise<T>) => (id === "score-chunk-1" ? Promise.reject(new Error("the step's invocation timed out")) : work()), workers: 1 };
    expect(await executeFullRun(db, run.id, failing, 4)).toEqual({ runId: run.id, status: "failed", error: "the step's invocation timed out" });
    expect(await runById(run.id)).toMatchObject({ status: "failed", error: "the step's invocation timed out" });
    const leftovers = await db.$client`select relname from pg_class where relname ~ '^(scoring_stage_|scoring_changes_|scoring_counts_|scoring_scored_|snapshots_run_)'`;
    expect(leftovers).toHaveLength(0);
    expect(await db.$count(clientScores, isNotNull(clientScores.score))).toBe(0);
    expect(await executeFullRun(db, run.id, directSteps(1), 4)).toEqual({ runId: run.id, status: "not queued" });
  });

  it("fails a run whose scores table a deploy changed while it ran, publishing nothing, and the next run scores into the new table", async () => {
    await insertDemoClients(10, AS_OF);
    const first = await queueRun(AS_OF);
    expect(await executeFullRun(db, first.id, directSteps(1), 4)).toMatchObject({ status: "succeeded" });
    const scoredBefore = await db.select().from(clientScores).orderBy(asc(clientScores.clientId));

    const dayLater = new Date(AS_OF.getTime() + 86_400_000);
    const run = await queueRun(dayLater);
    // A migration adding a column runs between the step that made the run's copy of the table and its publishing.
    const deploying = { run: async <T>(id: string, work: () => Promise<T>) => (id === "publish" && (await db.execute(sql`alter table client_scores add column chance_30d float8`)), work()), workers: 1 };
    const outcome = await executeFullRun(db, run.id, deploying, 4);
    expect(outcome).toMatchObject({ status: "failed", error: expect.stringMatching(/^client_scores changed while this run was under way/) });
    expect(await db.select().from(clientScores).orderBy(asc(clientScores.clientId))).toEqual(scoredBefore);
    expect(await db.$client`select 1 from pg_class where relname = ${runSnapshotsTable(run.id)}`).toHaveLength(0);

    const next = await queueRun(dayLater);
    expect(await executeFullRun(db, next.id, directSteps(1), 4)).toMatchObject({ status: "succeeded" });
    const [live] = await db.$client<{ columns: string[] }[]>`select array_agg(attname::text) as columns from pg_attribute where attrelid = 'client_scores'::regclass and attnum > 0 and not attisdropped`;
    expect(live?.columns).toContain("chance_30d");
    expect(await db.$count(clientScores, eq(clientScores.scoredAt, dayLater))).toBe(10);
  });

  it("fails a run whose learning fails beside its reads only once no read is still staging, leaving no working table", async () => {
    await insertDemoClients(10, AS_OF);
    const run = await queueRun(AS_OF);
    const failing = { run: <T>(id: string, work: () => Promise<T>) => (id === "learn" ? Promise.reject(new Error("the learning step timed out")) : work()), workers: 4 };
    expect(await executeFullRun(db, run.id, failing, 3)).toEqual({ runId: run.id, status: "failed", error: "the learning step timed out" });
    const leftovers = await db.$client`select relname from pg_class where relname ~ '^(scoring_stage_|scoring_changes_|scoring_counts_|scoring_scored_|snapshots_run_)'`;
    expect(leftovers).toHaveLength(0);
  });

  it("fits the model on the first chunks holding the sample's clients, and counts every client in the run", async () => {
    await insertDemoClients(200, AS_OF);
    const run = await queueRun(AS_OF);
    const plan = await beginFullRun(db, run.id, 50, 75);
    if (!plan) throw new Error("not begun");
    expect(plan.sampleChunks).toBe(2);
    const staged: number[] = [];
    for (const [chunk, range] of plan.chunks.slice(0, plan.sampleChunks).entries()) staged.push(await stageChunk(db, { runId: run.id, asOf: AS_OF, chunk, range }));
    const modelFitId = await fitFullRun(db, { runId: run.id, asOf: AS_OF, staged, learned: NOTHING_LEARNED, reused: null });
    const [fit] = await db.select().from(modelFits).where(eq(modelFits.id, modelFitId ?? ""));
    // Two chunks of fifty hold the 75: the fit counts their clients with orders, and no others.
    const withOrders = await db.execute<{ n: number }>(sql`
      select count(distinct client_id)::int as n from orders where client_id <= ${plan.chunks[1]?.upTo}::uuid and status <> 'cancelled' and ordered_at <= ${AS_OF.toISOString()}::timestamptz`);
    expect(fit?.customers).toBe(withOrders[0]?.n);
    expect(fit?.customers).toBeLessThan(200);
    expect(await runById(run.id)).toMatchObject({ total: 200 });
  });

  it("stages the sample's chunks, and more while workers would wait for the fit, and fits on the sample alone", async () => {
    await insertDemoClients(200, AS_OF);
    const withOrders = async (upTo: string | null | undefined) =>
      (await db.execute<{ n: number }>(sql`select count(distinct client_id)::int as n from orders where (${upTo ?? null}::uuid is null or client_id <= ${upTo ?? null}::uuid) and status <> 'cancelled' and ordered_at <= ${AS_OF.toISOString()}::timestamptz`))[0]?.n;
    for (const workers of [1, 4]) {
      const run = await queueRun(AS_OF);
      const steps: string[] = [];
      // Eight chunks of 25; a sample of 50 clients is the first two.
      const outcome = await executeFullRun(db, run.id, { run: (id, work) => (steps.push(id), work()), workers }, 25, 50);
      expect(outcome.status).toBe("succeeded");
      expect(steps.filter((id) => id.startsWith("read-chunk")).sort()).toEqual(Array.from({ length: workers === 1 ? 2 : 4 }, (_, k) => `read-chunk-${k}`));
      expect(steps.filter((id) => id.startsWith("score-chunk"))).toHaveLength(8);
      const stored = await runById(run.id);
      expect(stored).toMatchObject({ status: "succeeded", done: 200, total: 200, modelReused: false });
      const [fit] = await db.select().from(modelFits).where(eq(modelFits.id, stored?.modelFitId ?? ""));
      expect(fit?.customers).toBe(await withOrders(await nextChunkEnd(db, null, 50)));
      // A client with no orders by then keeps no score: no snapshot, and the list shows them unscored.
      const everyone = await withOrders(null);
      expect(everyone).toBeLessThan(200);
      expect(await snapshotsOf(run.id)).toHaveLength(everyone ?? 0);
      expect(await db.$count(clientScores, sql`${clientScores.tier} is null and ${clientScores.score} is null and ${clientScores.valueAtRiskCents} is null`)).toBe(200 - (everyone ?? 0));
    }
  });

  it("refuses to score a chunk whose staged rows were lost (an unlogged table after a database crash)", async () => {
    await insertDemoClients(10, AS_OF);
    const run = await queueRun(AS_OF);
    const plan = await beginFullRun(db, run.id, 100);
    const range = plan?.chunks[0];
    if (!range) throw new Error("not begun");
    const staged = await stageChunk(db, { runId: run.id, asOf: AS_OF, chunk: 0, range });
    const modelFitId = await fitFullRun(db, { runId: run.id, asOf: AS_OF, staged: [staged], learned: NOTHING_LEARNED, reused: null });
    await db.execute(sql.raw(`truncate ${stagedHistoriesTable(run.id, 0)}`));
    await expect(scoreChunk(db, { runId: run.id, asOf: AS_OF, chunk: 0, range, modelFitId, staged })).rejects.toThrow(/holds 0 of the 10 clients staged/);
  });

  it("reuses the model fitted within the week, and fits anew a week on, once the settings are saved, or after an import", async () => {
    // Enough clients to learn the score's weights from: a fit without them is not reused.
    await insertDemoClients(400, AS_OF);
    const admin = await userContext("admin");
    const day = (n: number) => new Date(AS_OF.getTime() + n * 86_400_000);
    const rescore = async (asOf: Date, startedBy: string | null = null) => {
      const [queued] = await db.insert(scoringRuns).values({ asOf, startedBy }).returning();
      const steps: string[] = [];
      const outcome = await executeFullRun(db, queued?.id ?? "", { run: (id, work) => (steps.push(id), work()), workers: 4 });
      expect(outcome.status).toBe("succeeded");
      const stored = await runById(outcome.runId);
      const reused = stored?.modelFitId !== null && fitsBefore.has(stored?.modelFitId ?? "");
      expect(stored?.modelReused).toBe(reused);
      // A run that reuses a model neither learns nor stages anything.
      expect(steps.some((id) => id === "learn" || id.startsWith("read-chunk"))).toBe(!reused);
      fitsBefore = new Set((await db.select({ id: modelFits.id }).from(modelFits)).map((fit) => fit.id));
      return stored?.modelFitId;
    };
    let fitsBefore = new Set<string>();
    const first = await rescore(day(0));
    expect(first).toBeTruthy();
    // A day later: the same model, learned weights and all, and nothing staged for it; every client scored with it.
    expect(await rescore(day(1))).toBe(first);
    expect(await db.$count(modelFits)).toBe(1);
    expect(await db.$count(engagementSnapshots, sql`${engagementSnapshots.asOf} = ${day(1).toISOString()}::timestamptz and ${engagementSnapshots.modelFitId} = ${first ?? ""}::uuid`)).toBe(
      await db.$count(clientScores, sql`${clientScores.tier} is not null`),
    );
    // Unless a person started the run: the button promises a freshly fitted model.
    const byHand = await rescore(day(1), admin.actor.type === "user" ? admin.actor.id : null);
    expect(byHand).not.toBe(first);
    await db.delete(modelFits).where(eq(modelFits.id, byHand ?? ""));
    fitsBefore.delete(byHand ?? "");
    // A run filling in an earlier date never takes a model fitted on later orders.
    const earlier = await rescore(day(-1));
    expect(earlier).not.toBe(first);
    // A week on, a fresh fit.
    const weekOn = await rescore(day(7));
    expect([first, earlier]).not.toContain(weekOn);
    expect(await rescore(day(8))).toBe(weekOn);
    // Saving the engagement settings (the weights were learned under the old ones) asks for a fresh fit.
    await updateSettings({ ctx: admin, key: "engagement", input: await readSettings(db, "engagement") });
    const afterSettings = await rescore(day(9));
    expect(afterSettings).not.toBe(weekOn);
    expect(await rescore(day(10))).toBe(afterSettings);
    // So does a finished import.
    await db.insert(importJobs).values({ kind: "orders", status: "done", fileName: "orders.csv", fileBytes: 1, finishedAt: sql`now()` });
    const afterImport = await rescore(day(11));
    expect(afterImport).not.toBe(afterSettings);
    expect(await db.$count(modelFits)).toBe(5);
    expect(fitsBefore.size).toBe(5);
  });
});
