import "server-only";
import { DAY_MS } from "@/lib/domain/engagement/history";
import type { HistoriesAt } from "@/lib/domain/engagement/backtest-scoring";
import { learnWeightsAt, OUTLOOK_DAYS, trainingWindowDays } from "@/lib/domain/engagement/score-at";
import type { EngagementSettings } from "@/lib/domain/engagement";
import { sql } from "drizzle-orm";
import type { Executor } from "@/lib/server/db/client";
import { CHUNK_SETTINGS } from "./chunk-work";
import { aggregateHistories } from "./client-histories";
import { nextChunkEnd } from "./client-selection";
import type { LearnedExtras } from "./model-fit";
import { clientsWhoOrdered } from "./orders-between";

// Enough clients for five weights and a calibration to settle; ids are random, so the first ones are a fair sample,
// and a run over a million clients reads their past histories in a hundredth of its own aggregation's time.
const TRAINING_SAMPLE = 10_000;

/**
 * The score weights and P(order) calibration learned on the shop's own history: a sample of clients scored as of a
 * window before `asOf` (the model fitted as of then; the window as long as the score's 90-day outlook, see
 * trainingWindowDays), against whether each ordered by `asOf`. Without enough history (see learnScoreWeights) the
 * weights are null and the admin's apply.
 */
export async function learnFromRecentHistory(db: Executor, asOf: Date, settings: EngagementSettings): Promise<LearnedExtras> {
  const windowDays = await trainingWindow(db, OUTLOOK_DAYS, asOf);
  const sample = await readTrainingSample(db, asOf, windowDays);
  const { learned, calibration } = learnWeightsAt(sample.histories, sample.orderedAgain, sample.asOf, windowDays, settings);
  return { weights: learned?.weights ?? null, calibration };
}

/** trainingWindowDays for this shop: its first order read from the index on ordered_at. */
export async function trainingWindow(db: Executor, horizonDays: number, cutoff: Date): Promise<number> {
  const [row] = await db.execute<{ first_ms: number | null }>(sql`
    select extract(epoch from min(ordered_at))::float8 * 1000 as first_ms from orders where status <> 'cancelled' and ordered_at <= ${cutoff.toISOString()}::timestamptz`);
  return trainingWindowDays(horizonDays, row?.first_ms == null ? null : new Date(row.first_ms), cutoff);
}

/** The sample's histories as of `windowDays` before `asOf` (clients with orders by then), and who ordered by `asOf`. */
export async function readTrainingSample(db: Executor, asOf: Date, windowDays: number): Promise<HistoriesAt> {
  const cutoff = new Date(asOf.getTime() - windowDays * DAY_MS);
  return db.transaction(async (tx) => {
    await tx.execute(sql.raw(CHUNK_SETTINGS));
    const sample = { after: null, upTo: await nextChunkEnd(tx, null, TRAINING_SAMPLE) };
    const [past, reordered] = await Promise.all([aggregateHistories(tx, sample, cutoff), clientsWhoOrdered(tx, sample, cutoff, asOf)]);
    return { asOf: cutoff, histories: [...past.values()], orderedAgain: [...past.keys()].map((id) => reordered.has(id)) };
  });
}
