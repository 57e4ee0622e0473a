import "server-only";
import { sql } from "drizzle-orm";
import type { Sql } from "postgres";
import { assessEngagement, currentEngagementOf, DistinctBgNbdInputs, EMPTY_CLIENT_HISTORY, type EngagementSettings, ForecastTable } from "@/lib/domain/engagement";
import type { Database, Transaction } from "@/lib/server/db/client";
import { BinaryCopyRows, BinaryCopyWriter, encodedText, encodeFields, uuidListToBytes } from "@/lib/server/db/copy-binary";
import { engagementTier, scoringRuns } from "@/lib/server/db/schema";
import { type ChunkOptions, forEachChunk, inChunkTransaction } from "./chunk-work";
import { aggregateHistoryColumns, type HistoryColumns } from "./client-histories";
import { type ClientSelection, selectionWhere } from "./client-selection";
import { fitHistories, latestModelFitAsOf, modelVersionOf, type StoredModelFit, storeModelFit } from "./model-fit";
import { previousTierLetter, tierOfLetter } from "./previous-tiers";
import { CLIENT_SCORE_COPY_COLUMNS, createNextClientScores, indexNextClientScores, swapInNextClientScores, TIER_CHANGE_COLUMNS } from "./swap-client-scores";

/**
 * One range of clients: every id (clients without orders are scored too), their aggregated histories, where each
 * id's history sits among them (−1 for none) and each history's BG/NBD key (see bgNbdKeyOf).
 */
type Chunk = { clients: number; uuids: Uint8Array; previousTiers: string; histories: HistoryColumns; historyOf: Int32Array; keys: Float64Array };
export type BulkRescoreInput = { runId: string; asOf: Date; settings: EngagementSettings; chunks?: ChunkOptions };

const TIER_BYTES = encodedText(engagementTier.enumValues);
const SNAPSHOT_COLUMNS = ["client_id", "score", "tier", "recency", "frequency", "value", "keep_rate", "p_alive", "expected_orders90d", "next_order_expected_at", "run_id", "as_of", "model_fit_id", "model_version"];

/**
 * Rescoring every client, set-based end to end:
 * 1. one aggregation over orders per chunk of clients, several chunks at once, kept in memory;
 * 2. BG/NBD fitted on those same histories (no second pass over orders);
 * 3. every client assessed in memory and streamed by binary COPY into the snapshots and into a fresh copy of
 *    client_scores, whose indexes are then built once and which replaces the live table in one short swap that
 *    also records the tier changes.
 * Progress counts each client half when aggregated and half when written.
 */
export async function bulkRescore(db: Database, input: BulkRescoreInput): Promise<StoredModelFit | null> {
  const { runId, asOf } = input;
  const addProgress = (clients: number) => db.update(scoringRuns).set({ done: sql`${scoringRuns.done} + ${clients}` }).where(sql`${scoringRuns.id} = ${runId}`);

  const chunks: Chunk[] = [];
  await forEachChunk(db, input.chunks ?? {}, async (range) => {
    const chunk = await inChunkTransaction(db, (tx) => readChunk(tx, range, asOf));
    chunks.push(chunk);
    await addProgress(Math.floor(chunk.clients / 2));
  });
  const inputs = new DistinctBgNbdInputs(concatenate(chunks.map((chunk) => chunk.keys)));
  const fitted = fitHistories(inputs.grouped(), asOf);
  // Without a usable fit of its own, the run keeps the last good model (none on a first run: scores without P(alive)).
  const model = fitted ? await storeModelFit(db, fitted) : await latestModelFitAsOf(db, asOf);
  if (model) await db.update(scoringRuns).set({ modelFitId: model.id }).where(sql`${scoringRuns.id} = ${runId}`);
  const forecasts = model ? new ForecastTable(model.params, inputs, asOf) : null;

  const client = db.$client;
  await createNextClientScores(client);
  const tierChanges = await writeAssessments(client, chunks, { ...input, model, forecasts }, {
    onWritten: (written) => addProgress(written - Math.floor(written / 2)),
    // The fresh table is complete before the snapshots are: its indexes are built while they finish loading.
    afterScoresLoaded: () => indexNextClientScores(client),
  });
  await swapInNextClientScores(client, { asOf, runId, tierChanges });
  return model;
}

/**
 * The range's aggregated histories, and every client in it (clients without orders are scored too) with the tier
 * their last score gave them. Ids come as bytes and tiers as one letter each, both from single aggregated strings:
 * a run holds a million of them until it writes, and a million strings would slow every garbage collection meanwhile.
 */
async function readChunk(tx: Transaction, range: ClientSelection, asOf: Date): Promise<Chunk> {
  const [{ clientIds, histories }, [all]] = await Promise.all([
    aggregateHistoryColumns(tx, range, asOf),
    tx.execute<{ ids: string | null; tiers: string | null }>(sql`
      select string_agg(client_id::text, ',' order by client_id) as ids,
        string_agg(${previousTierLetter(asOf)}, '' order by client_id) as tiers
      from client_scores where ${selectionWhere(sql`client_id`, range)}`),
  ]);
  const list = all?.ids ?? "";
  const uuids = uuidListToBytes(list);
  const rowOfClient = new Map(clientIds.map((id, row) => [id, row]));
  const clients = uuids.length / 16;
  const historyOf = Int32Array.from({ length: clients }, (_, i) => rowOfClient.get(list.slice(i * 37, i * 37 + 36)) ?? -1);
  const keys = Float64Array.from({ length: histories.size }, (_, row) => histories.bgNbdKeyAt(row, asOf));
  return { clients, uuids, previousTiers: all?.tiers ?? "", histories, historyOf, keys };
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
 * Assesses chunk after chunk and writes two binary COPY streams at once, each on its own connection: the snapshots
 * in one transaction (a rerun with the same as-of date replaces its snapshots), the scores into the fresh table.
 * Returns the tier changes it saw, as binary COPY rows for the swap to check and store.
 */
async function writeAssessments(
  client: Sql,
  chunks: Chunk[],
  context: BulkRescoreInput & { model: StoredModelFit | null; forecasts: ForecastTable | null },
  callbacks: { onWritten: (clients: number) => Promise<unknown>; afterScoresLoaded: () => Promise<void> },
): Promise<BinaryCopyRows> {
  const { asOf, runId, settings, model, forecasts } = context;
  const asOfMs = asOf.getTime();
  const params = model?.params ?? null;
  // What every snapshot of this run shares, encoded once.
  const snapshotTail = encodeFields((row) => {
    row.uuid(runId).timestamptz(asOfMs);
    if (model) row.uuid(model.id);
    else row.null();
    row.text(modelVersionOf(model));
  });

  const tierChanges = new BinaryCopyRows();
  await client.begin(async (tx) => {
    await tx`delete from engagement_snapshots where as_of = ${asOf.toISOString()}::timestamptz`;
    // Snapshots load slower than scores (wider rows, two indexes kept up): let them queue, so the scores finish first.
    const snapshots = new BinaryCopyWriter(await tx.unsafe(`copy engagement_snapshots (${SNAPSHOT_COLUMNS.join(", ")}) from stdin with (format binary)`).writable(), {
      batchBytes: 4 * 1024 * 1024,
      maxQueuedBytes: 96 * 1024 * 1024,
    });
    const scores = new BinaryCopyWriter(await client.unsafe(`copy client_scores_next (${CLIENT_SCORE_COPY_COLUMNS.join(", ")}) from stdin with (format binary)`).writable(), {
      batchBytes: 2 * 1024 * 1024,
      maxQueuedBytes: 2 * 1024 * 1024,
    });
    for (const chunk of chunks) {
      for (let i = 0; i < chunk.clients; i++) {
        const row = chunk.historyOf[i] ?? -1;
        const history = row < 0 ? EMPTY_CLIENT_HISTORY : chunk.histories.historyAt(row);
        const forecast = forecasts && row >= 0 ? forecasts.forecastFor(chunk.keys[row] ?? Number.NaN) : null;
        const assessment = assessEngagement({ history, asOf, settings, params, explain: false, forecast });
        const { components: c } = assessment;
        snapshots.rows
          .row(SNAPSHOT_COLUMNS.length)
          .uuidBytes(chunk.uuids, i * 16)
          .int2(assessment.score)
          .textBytes(TIER_BYTES[assessment.tier])
          .int2OrNull(c.recency)
          .int2OrNull(c.frequency)
          .int2OrNull(c.value)
          .int2OrNull(c.keepRate)
          .float4OrNull(assessment.pAlive)
          .float4OrNull(assessment.expectedOrders90d)
          .timestamptzOrNull(assessment.nextOrderExpectedAt?.getTime() ?? null)
          .raw(snapshotTail);
        const current = currentEngagementOf(assessment);
        scores.rows
          .row(CLIENT_SCORE_COPY_COLUMNS.length)
          .uuidBytes(chunk.uuids, i * 16)
          .int2(current.score)
          .textBytes(TIER_BYTES[current.tier])
          .float4OrNull(current.pAlive)
          .float4OrNull(current.expectedOrders90d)
          .timestamptzOrNull(current.nextOrderExpectedAt?.getTime() ?? null)
          .timestamptz(asOfMs);
        const previous = tierOfLetter(chunk.previousTiers.charAt(i));
        if (previous && previous !== current.tier) {
          tierChanges.row(TIER_CHANGE_COLUMNS.length).uuidBytes(chunk.uuids, i * 16).textBytes(TIER_BYTES[previous]).textBytes(TIER_BYTES[current.tier]).int2(current.score);
        }
      }
      await Promise.all([snapshots.flush(), scores.flush()]);
      await callbacks.onWritten(chunk.clients);
    }
    await Promise.all([snapshots.end(), scores.end().then(callbacks.afterScoresLoaded)]);
  });
  return tierChanges;
}

