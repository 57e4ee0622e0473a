import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { bgNbdKeyOfFigures, DistinctBgNbdInputs } from "@/lib/domain/engagement";
import type { Database } from "@/lib/server/db/client";
import { scoringRuns } from "@/lib/server/db/schema";
import { readSettings } from "@/lib/server/data/settings";
import { readPackedRows } from "@/lib/server/db/packed-rows";
import { STAGED_BG_NBD_FIGURES } from "./full-run-stage";
import { createStagedRunTables, stagedHistoriesTable } from "./full-run-tables";
import { learnFromRecentHistory } from "./learn-weights";
import { fitHistories, type LearnedExtras, latestModelFitAsOf, modelFitById, modelVersionOf, type StoredModelFit, storeModelFit } from "./model-fit";
import { createRunSnapshotsTable } from "./run-snapshots";
import { createNextClientScores } from "./swap-client-scores";

/** What the learn step hands to the fit step: seven numbers (or nulls), far below a step's output limit. */
export const learnedExtrasSchema = z.object({
  weights: z.object({ recency: z.number(), frequency: z.number(), value: z.number(), keepRate: z.number(), outlook: z.number() }).nullable(),
  calibration: z.object({ intercept: z.number(), slope: z.number() }).nullable(),
});

/**
 * A full run's learn step: the score's weights and the P(order) calibration learned on the shop's own recent history
 * (see learnFromRecentHistory). It reads orders only as of a past cutoff, nothing the run stages, so it runs beside
 * the read steps rather than inside the fit. Learning that fails leaves the admin's weights in force rather than
 * failing the run; a fit without learned weights is not reused, so the next run learns again. Reads only, so a
 * repeat answers the same.
 */
export async function learnForFullRun(db: Database, input: { runId: string; asOf: Date }): Promise<LearnedExtras> {
  const settings = await readSettings(db, "engagement");
  return learnFromRecentHistory(db, input.asOf, settings).catch((error: unknown) => {
    console.warn(`Scoring run ${input.runId} could not learn the score's weights; the settings' weights apply`, error);
    return NOTHING_LEARNED;
  });
}

/** What a run scores with when it learned nothing: the admin's weights, P(order) as the model gives it. */
export const NOTHING_LEARNED: LearnedExtras = { weights: null, calibration: null };

/**
 * `staged`: how many clients each of the sample's chunks staged, in chunk order (see FullRunPlan); `reused`: a model
 * fitted within the week that the run scores with instead (see mayReuseModelFit), staging nothing.
 */
type FitFullRunInput = { runId: string; asOf: Date; staged: readonly number[]; learned: LearnedExtras; reused: string | null };

/**
 * A full run's fit step: names the model the run scores with in the run. That is the reused model when the run
 * reuses one; else the drop-out model fitted on the staged histories of the sample's clients (see MODEL_FIT_SAMPLE
 * and stageChunk), stored with what the learn step learned (see learnForFullRun) as a model fit; without a usable
 * fit of its own, the last good model (none on a first run: scores without P(alive)). Then creates the empty tables
 * the scoring steps load: the run's snapshots (its model as their default) and the fresh client_scores.
 * Answers the fit's id alone. Repeated after the fit was stored, it keeps that fit rather than storing another.
 */
export async function fitFullRun(db: Database, input: FitFullRunInput): Promise<string | null> {
  const { runId, asOf } = input;
  const [run] = await db.select({ modelFitId: scoringRuns.modelFitId }).from(scoringRuns).where(eq(scoringRuns.id, runId));
  const model = run?.modelFitId ? await modelFitById(db, run.modelFitId) : await reuseOrFit(db, input);
  await db.$client.begin(async (tx) => {
    await createRunSnapshotsTable(tx, { runId, asOf, modelFitId: model?.id ?? null, modelVersion: modelVersionOf(model) });
    await createNextClientScores(tx);
    await createStagedRunTables(tx, runId);
  });
  return model?.id ?? null;
}

async function reuseOrFit(db: Database, input: FitFullRunInput): Promise<StoredModelFit | null> {
  const { runId, asOf } = input;
  const reused = input.reused ? await modelFitById(db, input.reused) : null;
  if (input.reused && !reused) console.warn(`Scoring run ${runId}: the model it was to reuse (${input.reused}) is gone; it keeps the latest one as of its date`);
  const fitted = !reused && input.staged.length > 0 ? fitHistories(new DistinctBgNbdInputs(await stagedKeys(db, input)), asOf) : null;
  return db.transaction(async (tx) => {
    const model = reused ?? (fitted ? await storeModelFit(tx, fitted, input.learned) : await latestModelFitAsOf(tx, asOf));
    await tx
      .update(scoringRuns)
      .set({ modelFitId: model?.id ?? null, modelReused: reused !== null, progressedAt: sql`now()` })
      .where(eq(scoringRuns.id, runId));
    return model;
  });
}

/** The BG/NBD key (see bgNbdKeyOf) of every staged history, read packed. */
async function stagedKeys(db: Database, input: FitFullRunInput): Promise<Float64Array> {
  const asOfMs = input.asOf.getTime();
  // Each chunk staged at most as many histories as clients.
  const keys = new Float64Array(input.staged.reduce((sum, clients) => sum + clients, 0));
  let size = 0;
  for (const chunk of input.staged.keys()) {
    const staged = await readPackedRows(db.$client, STAGED_BG_NBD_FIGURES, { from: `${stagedHistoriesTable(input.runId, chunk)} where order_count is not null` });
    if (size + staged.rows > keys.length) throw new Error(`Chunk ${chunk} holds more histories than the ${input.staged[chunk] ?? 0} clients it staged`);
    for (let row = 0; row < staged.rows; row++) {
      // As HistoryColumns stores them: epoch seconds times 1000 can land a hair under the millisecond.
      keys[size++] = bgNbdKeyOfFigures(staged.int4(row, "order_days"), Math.round(staged.float8(row, "first_ms")), Math.round(staged.float8(row, "last_ms")), asOfMs);
    }
  }
  return keys.subarray(0, size);
}
