import "server-only";
import { sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Sql, TransactionSql } from "postgres";
import {
  DistinctBgNbdInputs,
  EMPTY_CLIENT_HISTORY,
  type EngagementSettings,
  ForecastTable,
  historyFigures,
  roundedComponent,
  ScoreWorking,
  scoreFigures,
} from "@/lib/domain/engagement";
import { DAY_MS } from "@/lib/domain/engagement/history";
import type { Database } from "@/lib/server/db/client";
import { BinaryCopyWriter, uuidToBytes } from "@/lib/server/db/copy-binary";
import { scoringRuns } from "@/lib/server/db/schema";
import { type ChunkOptions, forEachChunk, inRawChunkTransaction } from "./chunk-work";
import { doubled, HISTORY_FIELDS, HistoryColumns, type HistoryRow, historyAggregation } from "./client-histories";
import { type ClientSelection, selectionWhere } from "./client-selection";
import { learnFromRecentHistory } from "./learn-weights";
import { type FittedModel, fitHistories, latestModelFitAsOf, modelVersionOf, type StoredModelFit, storeModelFit } from "./model-fit";
import { previousTierCode, tierOfCode } from "./previous-tiers";
import { RunProgress } from "./run-progress";
import { createRunSnapshots, dropUnpublishedRunSnapshots, indexRunSnapshots, publishRunSnapshots } from "./run-snapshots";
import { valueAtRiskCents } from "@/lib/domain/today/work-list";
import { ClientScoreRows, TIER_BYTES } from "./client-score-rows";
import { RunTierChanges } from "./run-tier-changes";
import { createNextClientScores, indexNextClientScores, liveClientScoreIndexes, readHorizon, swapInNextClientScores } from "./swap-client-scores";

/**
 * One range of clients: every id (clients without orders are scored too), their aggregated histories, where each
 * id's history sits among them (−1 for none) and each history's BG/NBD key (see bgNbdKeyOf).
 */
type Chunk = { clients: number; uuids: Uint8Array; previousTiers: string; histories: HistoryColumns; historyOf: Int32Array; keys: Float64Array };
export type BulkRescoreInput = { runId: string; asOf: Date; settings: EngagementSettings; chunks?: ChunkOptions };

// Room for this many clients before a chunk's columns grow (by doubling).
const INITIAL_CHUNK_CAPACITY = 4096;
const EMPTY_FIGURES = Object.freeze(historyFigures(EMPTY_CLIENT_HISTORY));
// What each snapshot row carries; the run's id, date and model are its table's defaults (see createRunSnapshots).
const SNAPSHOT_COLUMNS = ["client_id", "score", "tier", "recency", "frequency", "value", "keep_rate", "p_alive", "expected_orders90d", "next_order_expected_at"];

/**
 * Rescoring every client, set-based end to end:
 * 1. one aggregation over orders per chunk of clients, several chunks at once, kept in memory;
 * 2. BG/NBD fitted on those same histories (no second pass over orders);
 * 3. every client assessed in memory and streamed by binary COPY into a table of the run's snapshots and into a fresh
 *    copy of client_scores, whose indexes are then built once; in one short swap, the snapshots table becomes a
 *    partition of engagement_snapshots, the copy replaces the live client_scores and the tier changes are recorded.
 * Progress counts each client half when aggregated and half when written.
 */
export async function bulkRescore(db: Database, input: BulkRescoreInput): Promise<StoredModelFit | null> {
  try {
    return await rescoreAndPublish(db, input);
  } catch (error) {
    // Its snapshots table would otherwise hold a run's worth of rows until the next run clears it.
    await dropUnpublishedRunSnapshots(db.$client, input.runId).catch((cleanUp: unknown) => console.warn(`Run ${input.runId}: its snapshots table stays`, cleanUp));
    throw error;
  }
}

async function rescoreAndPublish(db: Database, input: BulkRescoreInput): Promise<StoredModelFit | null> {
  const { runId, asOf } = input;
  const progress = new RunProgress((clients) => db.update(scoringRuns).set({ done: sql`${scoringRuns.done} + ${clients}` }).where(sql`${scoringRuns.id} = ${runId}`));

  const client = db.$client;
  const horizon = await readHorizon(client);
  const chunks: Chunk[] = [];
  await forEachChunk(db, input.chunks ?? {}, async (range) => {
    const chunk = await inRawChunkTransaction(client, (tx) => readChunk(tx, range, asOf));
    chunks.push(chunk);
    progress.add(Math.floor(chunk.clients / 2));
  });
  // Workers finish their ranges out of order. Written in client order, the list rows sort stably (see ClientScoreRows)
  // and the snapshots' index is built from presorted rows.
  chunks.sort(byFirstClient);
  const clients = chunks.reduce((n, chunk) => n + chunk.clients, 0);
  // Asked for while the model is fitted, when the database has nothing else to do (during the reads it has no core
  // to spare): the progress bar's exact total, the live table's index definitions for the fresh one, and clearing up.
  // The total only sizes the progress bar, and tidying up can wait for the next run: neither failing fails this one.
  const totalStored = db
    .update(scoringRuns)
    .set({ total: clients })
    .where(sql`${scoringRuns.id} = ${runId}`)
    .execute()
    .then(
      () => undefined,
      (error: unknown) => console.warn(`Scoring run ${runId} could not store its total`, error),
    );
  const indexes = liveClientScoreIndexes(client);
  indexes.catch(() => {});
  // Left by a run whose process died before going live.
  const cleared = dropUnpublishedRunSnapshots(client).catch((error: unknown) => console.warn(`Scoring run ${runId} could not drop a dead run's table`, error));
  // The sample's past histories for learning the weights are read while the model is fitted here. Learning that
  // fails leaves the admin's weights in force for this run rather than failing it.
  const learning = learnFromRecentHistory(db, asOf, input.settings).catch((error: unknown) => {
    console.warn(`Scoring run ${runId} could not learn the score's weights; the settings' weights apply`, error);
    return { weights: null, calibration: null };
  });
  // They are only sent once this thread lets go: before the fit holds it.
  await new Promise<void>((resolve) => setImmediate(resolve));
  const inputs = new DistinctBgNbdInputs(concatenate(chunks.map((chunk) => chunk.keys)));
  // Each chunk's histories' positions among the distinct inputs, where their forecasts will be.
  const inputIndexes = slices(inputs.indexOfInput, chunks.map((chunk) => chunk.keys.length));
  let fitted: FittedModel | null;
  try {
    fitted = fitHistories(inputs, asOf);
  } finally {
    // Whatever happens, the learning's read transaction ends here: left open, it would hold locks past the run.
    await learning;
  }
  // Without a usable fit of its own, the run keeps the last good model (none on a first run: scores without P(alive)).
  const model = fitted ? await storeModelFit(db, fitted, await learning) : await latestModelFitAsOf(db, asOf);
  if (model) await db.update(scoringRuns).set({ modelFitId: model.id }).where(sql`${scoringRuns.id} = ${runId}`);
  const forecasts = model ? new ForecastTable(model.engagement.fit, inputs, model.engagement.calibration) : null;

  await cleared;
  const tierChanges = await writeAssessments(client, chunks, { ...input, clients, model, forecasts, inputIndexes }, {
    onWritten: (written) => progress.add(written - Math.floor(written / 2)),
    // The fresh table is complete before the snapshots are: its indexes are built while they finish loading.
    afterScoresLoaded: async () => indexNextClientScores(client, await indexes),
  });
  await progress.settled();
  await totalStored;
  await swapInNextClientScores(client, { asOf, runId, tierChanges, loaded: clients, readHorizon: horizon, indexes: await indexes }, (tx, context) =>
    publishRunSnapshots(tx, { runId, asOf }, context),
  );
  return model;
}

/** A row of the chunk read: a client, its last tier's code, and its history's figures (null without orders). */
type ChunkRow = { [field in keyof HistoryRow]: HistoryRow[field] | null } & { client_id: string; previous_tier: string };
const dialect = new PgDialect();

/**
 * Every client in the range (clients without orders are scored too) with the tier their last score gave them, and
 * the aggregated histories of those with orders: the aggregation left-joined to client_scores, in id order. Rows are
 * taken one by one as they arrive, into columns: ids as bytes, tiers as one character each, histories as numbers. A run
 * holds a million clients until it writes; kept as row objects and strings, they would make every garbage
 * collection meanwhile copy them.
 */
async function readChunk(tx: TransactionSql, range: ClientSelection, asOf: Date): Promise<Chunk> {
  const query = dialect.sqlToQuery(sql`
    select s.client_id, ${previousTierCode(asOf)} as previous_tier, ${sql.raw(HISTORY_FIELDS.map((field) => `h.${field}`).join(", "))}
    from client_scores s left join (${historyAggregation(range, asOf)}) h on h.client_id = s.client_id
    where ${selectionWhere(sql`s.client_id`, range)}
    order by s.client_id`);
  const histories = new HistoryColumns(INITIAL_CHUNK_CAPACITY);
  let uuids = new Uint8Array(INITIAL_CHUNK_CAPACITY * 16);
  let historyOf = new Int32Array(INITIAL_CHUNK_CAPACITY);
  const tiers: string[] = [];
  await tx.unsafe<ChunkRow[]>(query.sql, query.params as never[]).forEach((row) => {
    const i = tiers.length;
    if (i === historyOf.length) {
      historyOf = doubled(historyOf);
      uuids = doubled(uuids);
    }
    uuidToBytes(row.client_id, 0, uuids, i * 16);
    historyOf[i] = row.order_count === null ? -1 : histories.push(row as HistoryRow);
    tiers.push(row.previous_tier);
  });
  const clients = tiers.length;
  const keys = Float64Array.from({ length: histories.size }, (_, row) => histories.bgNbdKeyAt(row, asOf));
  return { clients, uuids: uuids.subarray(0, clients * 16), previousTiers: tiers.join(""), histories, historyOf: historyOf.subarray(0, clients), keys };
}

/** Chunks by their first client id (empty ones last): ranges never overlap, so that orders every client. */
function byFirstClient(a: Chunk, b: Chunk): number {
  if (a.clients === 0 || b.clients === 0) return (a.clients === 0 ? 1 : 0) - (b.clients === 0 ? 1 : 0);
  return Buffer.compare(a.uuids.subarray(0, 16), b.uuids.subarray(0, 16));
}

/** `all` cut into consecutive parts of these lengths. */
function slices(all: Int32Array, lengths: number[]): Int32Array[] {
  let offset = 0;
  return lengths.map((length) => all.subarray(offset, (offset += length)));
}

function concatenate(parts: Float64Array[]): Float64Array {
  const all = new Float64Array(parts.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    all.set(part, offset);
    offset += part.length;
  }
  return all;
}

/**
 * Scores every client and writes two binary COPY streams, each on its own connection:
 * - the snapshots, chunk after chunk while scoring, into the run's own table, whose index is built once they are in
 *   (the swap makes it a partition, replacing any earlier run's of the same date);
 * - then the fresh client_scores, sorted for its main index (see ClientScoreRows), whose indexes are built while
 *   the snapshots finish loading.
 * Scoring allocates nothing per client: histories are read from columns into one reused object, and scored into
 * another; forecasts are made once per distinct history (see ForecastTable).
 * Returns the tier changes it saw, for the swap to check and store.
 */
async function writeAssessments(
  client: Sql,
  chunks: Chunk[],
  context: BulkRescoreInput & { clients: number; model: StoredModelFit | null; forecasts: ForecastTable | null; inputIndexes: Int32Array[] },
  callbacks: { onWritten: (clients: number) => void; afterScoresLoaded: () => Promise<void> },
): Promise<RunTierChanges> {
  const { asOf, runId, settings, model, forecasts, inputIndexes } = context;
  const learnedWeights = model?.engagement.weights ?? null;
  const asOfMs = asOf.getTime();
  const listRows = new ClientScoreRows(context.clients);
  const figures = historyFigures(EMPTY_CLIENT_HISTORY);
  const working = new ScoreWorking();

  const tierChanges = new RunTierChanges();
  await client.begin(async (tx) => {
    const run = { runId, asOf, modelFitId: model?.id ?? null, modelVersion: modelVersionOf(model) };
    const snapshots = new BinaryCopyWriter(await createRunSnapshots(tx, run, SNAPSHOT_COLUMNS), {
      batchBytes: 4 * 1024 * 1024,
      maxQueuedBytes: 96 * 1024 * 1024,
    });
    try {
      for (const [c, chunk] of chunks.entries()) {
        const inputIndex = inputIndexes[c] ?? new Int32Array(0);
        for (let i = 0; i < chunk.clients; i++) {
          const row = chunk.historyOf[i] ?? -1;
          if (row >= 0) chunk.histories.figuresAt(row, figures);
          else Object.assign(figures, EMPTY_FIGURES);
          const slot = forecasts && row >= 0 ? forecasts.slotAt(inputIndex[row] ?? -1) : -1;
          const pAlive = slot >= 0 && forecasts ? forecasts.pAliveAt(slot) : Number.NaN;
          const expected = slot >= 0 && forecasts ? forecasts.expectedOrders90At(slot) : Number.NaN;
          const nextOrderMs = slot >= 0 && forecasts ? asOfMs + forecasts.daysUntilNextOrderAt(slot) * DAY_MS : Number.NaN;
          const pOrder90d = slot >= 0 && forecasts ? forecasts.pOrder90At(slot) : Number.NaN;
          // As assessEngagement does: the learned weights apply to clients with a forecast, the admin's to the rest.
          const { score, tier } = scoreFigures(figures, asOfMs, settings, Number.isNaN(pAlive) ? null : pAlive, working, pOrder90d, Number.isNaN(pOrder90d) ? null : learnedWeights);
          snapshots.rows
            .row(SNAPSHOT_COLUMNS.length)
            .uuidBytes(chunk.uuids, i * 16)
            .int2(score)
            .textBytes(TIER_BYTES[tier])
            .int2OrNull(roundedComponent(working.recency))
            .int2OrNull(roundedComponent(working.frequency))
            .int2OrNull(roundedComponent(working.value))
            .int2OrNull(roundedComponent(working.keepRate))
            .float4OrNull(Number.isNaN(pAlive) ? null : pAlive)
            .float4OrNull(Number.isNaN(expected) ? null : expected)
            .timestamptzOrNull(Number.isNaN(nextOrderMs) ? null : nextOrderMs);
          const atRisk = valueAtRiskCents(pOrder90d, figures.averageKeptValueCents);
          listRows.add(chunk.uuids, i * 16, score, tier, pAlive, expected, nextOrderMs, atRisk);
          const previous = tierOfCode(chunk.previousTiers.charAt(i));
          if (previous && previous !== tier) {
            tierChanges.add(chunk.uuids, i * 16, previous, tier, score);
          }
        }
        await snapshots.flush();
        callbacks.onWritten(chunk.clients);
      }
      const scoresLoaded = client.begin(async (scoresTx) => {
        const scores = new BinaryCopyWriter(await createNextClientScores(scoresTx), { batchBytes: 2 * 1024 * 1024, maxQueuedBytes: 8 * 1024 * 1024 });
        try {
          await listRows.writeSorted(scores, asOfMs);
          await scores.end();
        } catch (error) {
          scores.abort(error);
          throw error;
        }
      });
      // Both sides settle before a failure is raised, so nothing is still working on the fresh table once the run ends.
      const outcomes = await Promise.allSettled([snapshots.end().then(() => indexRunSnapshots(tx, runId)), scoresLoaded.then(callbacks.afterScoresLoaded)]);
      const failure = outcomes.find((outcome) => outcome.status === "rejected");
      if (failure) throw failure.reason;
    } catch (error) {
      // An open COPY holds its connection forever: fail it, so its transaction rolls back and the connection frees.
      snapshots.abort(error);
      throw error;
    }
  });
  return tierChanges;
}

