import "server-only";
import { eq, sql } from "drizzle-orm";
import { bgNbdKeyOfFigures, DistinctBgNbdInputs } from "@/lib/domain/engagement";
import type { Database } from "@/lib/server/db/client";
import { scoringRuns } from "@/lib/server/db/schema";
import { readSettings } from "@/lib/server/data/settings";
import { doubled } from "./client-histories";
import { createStagedRunTables, stagedHistoriesTable } from "./full-run-tables";
import { learnFromRecentHistory } from "./learn-weights";
import { fitHistories, latestModelFitAsOf, modelFitById, modelVersionOf, type StoredModelFit, storeModelFit } from "./model-fit";
import { createRunSnapshotsTable } from "./run-snapshots";
import { createNextClientScores } from "./swap-client-scores";

export type FitFullRunInput = { runId: string; asOf: Date; chunks: number; clients: number };

/**
 * A full run's second step: fits the drop-out model on every staged history (see stageChunk) and learns the score's
 * weights (see learnFromRecentHistory), stores them as a model fit and names it in the run; without a usable fit of
 * its own, the run keeps the last good model (none on a first run: scores without P(alive)). Then creates the empty
 * tables the scoring steps load: the run's snapshots (its model as their default) and the fresh client_scores.
 * Answers the fit's id alone. Repeated after the fit was stored, it reuses that fit rather than storing another.
 */
export async function fitFullRun(db: Database, input: FitFullRunInput): Promise<string | null> {
  const { runId, asOf } = input;
  const [run] = await db.select({ modelFitId: scoringRuns.modelFitId }).from(scoringRuns).where(eq(scoringRuns.id, runId));
  const model = run?.modelFitId ? await modelFitById(db, run.modelFitId) : await fitAndStore(db, input);
  await db.$client.begin(async (tx) => {
    await createRunSnapshotsTable(tx, { runId, asOf, modelFitId: model?.id ?? null, modelVersion: modelVersionOf(model) });
    await createNextClientScores(tx);
    await createStagedRunTables(tx, runId);
  });
  return model?.id ?? null;
}

async function fitAndStore(db: Database, input: FitFullRunInput): Promise<StoredModelFit | null> {
  const { runId, asOf } = input;
  const settings = await readSettings(db, "engagement");
  // Learning that fails leaves the admin's weights in force for this run rather than failing it.
  const learning = learnFromRecentHistory(db, asOf, settings).catch((error: unknown) => {
    console.warn(`Scoring run ${runId} could not learn the score's weights; the settings' weights apply`, error);
    return { weights: null, calibration: null };
  });
  const keys = await stagedKeys(db, input);
  let fitted: ReturnType<typeof fitHistories>;
  try {
    fitted = fitHistories(new DistinctBgNbdInputs(keys), asOf);
  } finally {
    // Whatever happens, the learning's read transaction ends here: left open, it would hold locks past the step.
    await learning;
  }
  const learned = await learning;
  return db.transaction(async (tx) => {
    const model = fitted ? await storeModelFit(tx, fitted, learned) : await latestModelFitAsOf(tx, asOf);
    await tx
      .update(scoringRuns)
      .set({ modelFitId: model?.id ?? null, total: input.clients, progressedAt: sql`now()` })
      .where(eq(scoringRuns.id, runId));
    return model;
  });
}

/** Every staged history's BG/NBD key (see bgNbdKeyOf), read as numbers: a million clients are three million of them. */
async function stagedKeys(db: Database, input: FitFullRunInput): Promise<Float64Array> {
  const asOfMs = input.asOf.getTime();
  let keys = new Float64Array(Math.max(1024, input.clients));
  let size = 0;
  for (let chunk = 0; chunk < input.chunks; chunk++) {
    await db.$client
      .unsafe<{ order_days: number; first_ms: number; last_ms: number }[]>(
        `select order_days, first_ms, last_ms from ${stagedHistoriesTable(input.runId, chunk)} where order_count is not null`,
      )
      .forEach((row) => {
        if (size === keys.length) keys = doubled(keys);
        // As HistoryColumns stores them: epoch seconds times 1000 can land a hair under the millisecond.
        keys[size++] = bgNbdKeyOfFigures(row.order_days, Math.round(row.first_ms), Math.round(row.last_ms), asOfMs);
      });
  }
  return keys.subarray(0, size);
}
