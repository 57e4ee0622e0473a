import { asc, eq, isNotNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { clientScores, engagementSnapshots, modelFits, tierChanges } from "@/lib/server/db/schema";
import { runFullRescore } from "@/lib/server/services/engagement/run-full-rescore";
import { insertDemoClients, queueRun, runById } from "@/test/engagement-fixtures";
import { beginFullRun, directSteps, executeFullRun } from "./full-run";
import { fitFullRun } from "./full-run-fit";
import { publishFullRun } from "./full-run-publish";
import { scoreChunk } from "./full-run-score";
import { stageChunk } from "./full-run-stage";

const AS_OF = new Date("2026-06-01T00:00:00Z");
const SYSTEM = { actor: { type: "system", name: "test" } as const, db };

const snapshotsOf = (runId: string) =>
  db
    .select({ clientId: engagementSnapshots.clientId, score: engagementSnapshots.score, tier: engagementSnapshots.tier, pAlive: engagementSnapshots.pAlive, next: engagementSnapshots.nextOrderExpectedAt })
    .from(engagementSnapshots)
    .where(eq(engagementSnapshots.runId, runId))
    .orderBy(asc(engagementSnapshots.clientId));

describe("a full run's steps", () => {
  it("each change nothing when repeated after their work committed (a step retried because its result was never stored)", async () => {
    await insertDemoClients(40, AS_OF);
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
    const fit = { runId: run.id, asOf: AS_OF, chunks: 4, clients: 40 };
    const modelFitId = await fitFullRun(db, fit);
    expect(await fitFullRun(db, fit)).toBe(modelFitId);
    expect(modelFitId).not.toBeNull();
    expect(await db.$count(modelFits)).toBe(1);
    for (let chunk = 0; chunk < 4; chunk++) {
      expect(await scoreChunk(db, { runId: run.id, asOf: AS_OF, chunk, modelFitId })).toBe(staged[chunk]);
      expect(await scoreChunk(db, { runId: run.id, asOf: AS_OF, chunk, modelFitId })).toBe(0);
    }
    const publish = { runId: run.id, asOf: AS_OF, readHorizon: plan.readHorizon, loaded: 40 };
    await publishFullRun(db, publish);
    await publishFullRun(db, publish);
    expect(await runById(run.id)).toMatchObject({ status: "succeeded", done: 40, total: 40, modelFitId });
    const snapshots = await snapshotsOf(run.id);
    expect(snapshots).toHaveLength(40);

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
    const leftovers = await db.$client`select relname from pg_class where relname ~ '^(scoring_stage_|scoring_changes_|snapshots_run_)'`;
    expect(leftovers).toHaveLength(0);
    expect(await db.$count(clientScores, isNotNull(clientScores.score))).toBe(0);
    expect(await executeFullRun(db, run.id, directSteps(1), 4)).toEqual({ runId: run.id, status: "not queued" });
  });
});
