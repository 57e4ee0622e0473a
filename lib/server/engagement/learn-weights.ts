import "server-only";
import { DAY_MS } from "@/lib/domain/engagement/history";
import type { HistoriesAt } from "@/lib/domain/engagement/backtest-scoring";
import { learnWeightsAt } from "@/lib/domain/engagement/score-at";
import type { EngagementSettings } from "@/lib/domain/engagement";
import { sql } from "drizzle-orm";
import type { Executor } from "@/lib/server/db/client";
import { CHUNK_SETTINGS } from "./chunk-work";
import { aggregateHistories } from "./client-histories";
import { nextChunkEnd } from "./client-selection";
import type { LearnedExtras } from "./model-fit";
import { clientsWhoOrdered } from "./orders-between";

/** The window before a run's date that its weights are learned on: who, scored then, ordered within it. */
export const TRAINING_DAYS = 90;
// Enough clients for five weights and a calibration to settle; ids are random, so the first ones are a fair sample,
// and a run over a million clients reads their past histories in a fiftieth of its own aggregation's time.
export const TRAINING_SAMPLE = 20_000;

/**
 * The score weights and P(order) calibration learned on the shop's own history: a sample of clients scored as of
 * TRAINING_DAYS before `asOf` (the model fitted as of then), against whether each ordered by `asOf`. Without enough
 * history (see learnScoreWeights) the weights are null and the admin's apply.
 */
export async function learnFromRecentHistory(db: Executor, asOf: Date, settings: EngagementSettings): Promise<LearnedExtras> {
  const sample = await readTrainingSample(db, asOf);
  const { learned, calibration } = learnWeightsAt(sample.histories, sample.orderedAgain, sample.asOf, TRAINING_DAYS, settings);
  return { weights: learned?.weights ?? null, calibration };
}

/** The sample's histories as of TRAINING_DAYS before `asOf` (clients with orders by then), and who ordered by `asOf`. */
export async function readTrainingSample(db: Executor, asOf: Date): Promise<HistoriesAt> {
  const cutoff = new Date(asOf.getTime() - TRAINING_DAYS * DAY_MS);
  return db.transaction(async (tx) => {
    await tx.execute(sql.raw(CHUNK_SETTINGS));
    const sample = { after: null, upTo: await nextChunkEnd(tx, null, TRAINING_SAMPLE) };
    const [past, reordered] = await Promise.all([aggregateHistories(tx, sample, cutoff), clientsWhoOrdered(tx, sample, cutoff, asOf)]);
    return { asOf: cutoff, histories: [...past.values()], orderedAgain: [...past.keys()].map((id) => reordered.has(id)) };
  });
}
