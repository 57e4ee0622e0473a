import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/lib/server/db/client";
import { scoringRuns } from "@/lib/server/db/schema";
import { MODEL_FIT_SAMPLE } from "@/lib/domain/engagement";
import { DEFAULT_CHUNK_SIZE } from "./chunk-work";
import { countClients, nextChunkEnd } from "./client-selection";
import { fitFullRun, learnedExtrasSchema, learnForFullRun, NOTHING_LEARNED } from "./full-run-fit";
import { reusableModelFit } from "./model-fit";
import { publishFullRun } from "./full-run-publish";
import { scoreChunk } from "./full-run-score";
import { stageChunk } from "./full-run-stage";
import { dropStagedTables } from "./full-run-tables";
import { dropUnpublishedRunSnapshots } from "./run-snapshots";
import { readHorizon } from "./swap-client-scores";
import { recordTierCounts } from "./tier-counts";

/**
 * How a full run's pieces are run: as Inngest steps, each a call of its own whose small result is stored (the
 * full-rescore function, one piece at a time), or directly in this process (`npm run bench:scoring`, tests), with
 * `workers` chunks at once. The pieces are the same either way.
 */
type StepRunner = { run: <T>(id: string, work: () => Promise<T>, output: z.ZodType<T>) => Promise<T>; workers: number };
export const directSteps = (workers: number): StepRunner => ({ run: (_id, work) => work(), workers });

const chunkRangeSchema = z.object({ after: z.uuid().nullable(), upTo: z.uuid().nullable() });
/** A chunk's keyset range of client ids, as the plan stores it (see ClientRange). */
type ChunkRange = z.infer<typeof chunkRangeSchema>;
/** What the first step hands on: small (a million clients are 40 ranges), so it fits in a step's stored output. */
const planSchema = z
  .object({ asOf: z.iso.datetime(), readHorizon: z.string(), chunks: z.array(chunkRangeSchema), sampleChunks: z.number().int().min(0), reusedModelFitId: z.uuid().nullable() })
  .nullable();
type FullRunPlan = NonNullable<z.infer<typeof planSchema>>;
const outcomeSchema = z.object({ runId: z.uuid(), status: z.enum(["succeeded", "failed", "not queued"]), error: z.string().optional() });
type FullRunOutcome = z.infer<typeof outcomeSchema>;
const count = z.number().int();

/**
 * A full rescoring in steps that each fit one serverless invocation (a chunk is 25,000 clients), none holding a
 * transaction or lock beyond itself, each safe to repeat:
 * 1. begin: the run goes from queued to running; its chunk boundaries are fixed (so a replay walks the same steps),
 *    and with them either a model fitted within the week to reuse (see mayReuseModelFit) or the first chunks that
 *    hold the sample to fit one on (see MODEL_FIT_SAMPLE);
 * 2. unless it reuses a model, learn and read-chunk-k, side by side: the score's weights learned on the shop's recent
 *    history (learnForFullRun), and the sample chunks' histories and last tiers staged in the database (stageChunk);
 * 3. fit: the model fitted on the sample's staged histories and stored with the learned weights, or the reused one (fitFullRun);
 * 4. score-chunk-k: each chunk scored into the run's snapshots and the fresh client_scores (scoreChunk): the sample's
 *    from their staged histories, every other chunk aggregated from the orders in the same step, so its histories
 *    are neither written nor read back;
 * 5. publish: indexes built, the fresh table swapped in with the snapshots, tier changes and their events (publishFullRun);
 * 6. count-tiers: the dashboard's daily counts (failing them does not fail the run's live scores).
 * A step that fails after its retries marks the run failed and drops its working tables.
 */
export async function executeFullRun(db: Database, runId: string, steps: StepRunner, chunkSize = DEFAULT_CHUNK_SIZE, sample = MODEL_FIT_SAMPLE): Promise<FullRunOutcome> {
  const plan = await steps.run("begin", () => beginFullRun(db, runId, chunkSize, sample), planSchema);
  if (!plan) return { runId, status: "not queued" };
  const asOf = new Date(plan.asOf);
  const chunks = plan.chunks.length;
  const rangeOf = (chunk: number) => plan.chunks[chunk] ?? { after: null, upTo: null };
  try {
    const reused = plan.reusedModelFitId;
    // Workers that would otherwise wait for the fit stage chunks beside the sample's (in-process, four at a time:
    // at 100,000 clients, every chunk).
    const stagedChunks = Math.min(chunks, Math.max(plan.sampleChunks, steps.workers));
    const [learned, staged] = reused
      ? [NOTHING_LEARNED, []]
      : await alongside(
          steps,
          () => steps.run("learn", () => learnForFullRun(db, { runId, asOf }), learnedExtrasSchema),
          () => eachChunk(steps, "read-chunk", stagedChunks, (chunk) => stageChunk(db, { runId, asOf, chunk, range: rangeOf(chunk) }), count),
        );
    const modelFitId = await steps.run("fit", () => fitFullRun(db, { runId, asOf, staged: staged.slice(0, plan.sampleChunks), learned, reused }), z.uuid().nullable());
    const scored = await eachChunk(steps, "score-chunk", chunks, (chunk) => scoreChunk(db, { runId, asOf, chunk, range: rangeOf(chunk), modelFitId, staged: staged[chunk] ?? null }), count);
    const loaded = scored.reduce((sum, clients) => sum + clients, 0);
    await steps.run("publish", () => publishFullRun(db, { runId, asOf, readHorizon: plan.readHorizon, loaded }).then(() => true), z.literal(true));
  } catch (error) {
    console.error(`Scoring run ${runId} failed`, error);
    return steps.run("fail", () => failFullRun(db, runId, failureReason(error)), outcomeSchema);
  }
  await steps.run("count-tiers", () =>
    recordTierCounts(db, { runId, asOf }).then(
      () => true,
      (error: unknown) => {
        console.error(`Run ${runId}: tier counts not recorded`, error);
        return false;
      },
    ),
    z.boolean(),
  );
  return { runId, status: "succeeded" };
}

/**
 * Two independent pieces of work: one after the other with one worker (a step at a time, as the full-rescore
 * function runs them), else side by side. Settles both before failing, so no step is still writing when the run is
 * marked failed and its tables dropped.
 */
async function alongside<A, B>(steps: StepRunner, first: () => Promise<A>, second: () => Promise<B>): Promise<[A, B]> {
  if (steps.workers <= 1) return [await first(), await second()];
  const [a, b] = await Promise.allSettled([first(), second()]);
  if (a.status === "rejected") throw a.reason;
  if (b.status === "rejected") throw b.reason;
  return [a.value, b.value];
}

/** `work` for every chunk, each a step of its own, `steps.workers` at a time; answers their results in chunk order. */
async function eachChunk<T>(steps: StepRunner, name: string, chunks: number, work: (chunk: number) => Promise<T>, output: z.ZodType<T>): Promise<T[]> {
  const results: T[] = new Array<T>(chunks);
  let next = 0;
  let failed = false;
  const worker = async () => {
    try {
      for (let chunk = next++; chunk < chunks && !failed; chunk = next++) results[chunk] = await steps.run(`${name}-${chunk}`, () => work(chunk), output);
    } catch (error) {
      failed = true;
      throw error;
    }
  };
  const outcomes = await Promise.allSettled(Array.from({ length: Math.max(1, Math.min(steps.workers, chunks)) }, worker));
  const failure = outcomes.find((outcome) => outcome.status === "rejected");
  if (failure) throw failure.reason;
  return results;
}

/**
 * Starts a queued run (or picks up one whose first step is repeated): marks it running, clears what failed or dead
 * runs left behind, fixes its chunks by walking the client ids' index, and either the model it reuses (see
 * mayReuseModelFit; never for a run a person started) or how many of the first chunks hold the sample to fit one on (`sample` clients, see
 * MODEL_FIT_SAMPLE), and stores the exact count of clients as the progress bar's total.
 * Null for a run that is not queued.
 */
export async function beginFullRun(db: Database, runId: string, chunkSize: number, sample = MODEL_FIT_SAMPLE): Promise<FullRunPlan | null> {
  const [run] = await db
    .update(scoringRuns)
    .set({ status: "running", startedAt: sql`coalesce(${scoringRuns.startedAt}, now())`, progressedAt: sql`now()` })
    .where(and(eq(scoringRuns.id, runId), inArray(scoringRuns.status, ["queued", "running"]), sql`${scoringRuns.modelFitId} is null`))
    .returning();
  if (!run) return null;
  const horizon = await readHorizon(db.$client);
  // Left by runs that failed or whose process died before going live (no other run is under way: see queueFullRescore).
  await dropUnpublishedRunSnapshots(db.$client);
  await dropStagedTables(db.$client);
  const chunks: ChunkRange[] = [];
  for (let after: string | null = null; ; ) {
    const upTo = await nextChunkEnd(db, after, chunkSize);
    chunks.push({ after, upTo });
    if (upTo === null) break;
    after = upTo;
  }
  // Every chunk but the last holds chunkSize clients.
  const total = (chunks.length - 1) * chunkSize + (await countClients(db, chunks.at(-1) ?? { after: null, upTo: null }));
  await db.update(scoringRuns).set({ total }).where(eq(scoringRuns.id, runId));
  // A run someone started refits, as its button promises; the nightly and import runs may reuse a fresh model.
  const reused = run.startedBy ? null : await reusableModelFit(db, run.asOf);
  const sampleChunks = reused ? 0 : Math.min(chunks.length, Math.ceil(sample / chunkSize));
  return { asOf: run.asOf.toISOString(), readHorizon: horizon, chunks, sampleChunks, reusedModelFitId: reused?.id ?? null };
}

/** Marks the run failed with `error` and drops its working tables; the live scores stay as they were. */
async function failFullRun(db: Database, runId: string, error: string): Promise<FullRunOutcome> {
  await db
    .update(scoringRuns)
    .set({ status: "failed", error, finishedAt: new Date() })
    .where(and(eq(scoringRuns.id, runId), inArray(scoringRuns.status, ["queued", "running"])));
  await dropStagedTables(db.$client, runId).catch((cleanUp: unknown) => console.warn(`Run ${runId}: its working tables stay`, cleanUp));
  await dropUnpublishedRunSnapshots(db.$client, runId).catch((cleanUp: unknown) => console.warn(`Run ${runId}: its snapshots table stays`, cleanUp));
  return { runId, status: "failed", error };
}

/** What an admin sees: the database's own message rather than a failed query with all its parameters. */
function failureReason(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return cause instanceof Error ? cause.message.slice(0, 500) : "Unknown error";
}
