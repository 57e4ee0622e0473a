import "server-only";
import type { TransactionSql } from "postgres";
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
import { nextOrderDueMs } from "@/lib/domain/engagement/drivers";
import { valueAtRiskCents } from "@/lib/domain/today/work-list";
import type { Database } from "@/lib/server/db/client";
import { BinaryCopyWriter, uuidFromBytes } from "@/lib/server/db/copy-binary";
import { type PackedRows, readPackedRows } from "@/lib/server/db/packed-rows";
import { readSettings } from "@/lib/server/data/settings";
import { ClientScoreRows, TIER_BYTES } from "./client-score-rows";
import { HistoryColumns, type HistoryRow } from "./client-histories";
import type { ClientRange } from "./client-selection";
import { CHUNK_SETTINGS } from "./chunk-work";
import { CHUNK_ROW, stagedRows, unstagedRows } from "./full-run-stage";
import { scoredChunksTable, stagedHistoriesTable, stagedTierChangesTable, stagedTierCountsTable, tableExists } from "./full-run-tables";
import { modelFitById, type StoredModelFit } from "./model-fit";
import { tierOfCode } from "./previous-tiers";
import { copyIntoRunSnapshots } from "./run-snapshots";
import { RunTierChanges } from "./run-tier-changes";
import { copyIntoNextClientScores } from "./swap-client-scores";
import { TierCounts } from "./tier-counts";

/** One chunk of clients as columns: ids as bytes, last tiers as one character each, histories as numbers (see CHUNK_ROW). */
type Chunk = { clients: number; uuids: Uint8Array; previousTiers: string; stylistOf: Int32Array; histories: HistoryColumns; historyOf: Int32Array; keys: Float64Array };
/** `range`: the chunk's clients; `staged`: how many stageChunk staged of them, or null for a chunk it did not stage (read here). */
type ScoreChunkInput = { runId: string; asOf: Date; chunk: number; range: ClientRange; modelFitId: string | null; staged: number | null };

// What each snapshot row carries; the run's id, date and model are its table's defaults (see createRunSnapshotsTable).
const SNAPSHOT_COLUMNS = ["client_id", "score", "tier", "recency", "frequency", "value", "keep_rate", "p_alive", "expected_orders90d", "next_order_expected_at"];

/**
 * A full run's scoring pass, one chunk per call: reads the chunk's clients (staged, for the model's sample, or straight
 * from the orders), scores them with the run's model and writes, in one transaction, their snapshots into the run's
 * table, their current values into the fresh client_scores, the tier changes it saw, their counts per stylist and
 * tier (see TierCounts), its progress and the chunk as scored, and drops the chunk's staged table. A repeated call (a
 * step retried after that transaction committed) finds the chunk scored, writes nothing and answers the same: how
 * many clients it scored.
 * Scoring allocates nothing per client: histories are read from columns into one reused object, and forecasts are
 * made once per distinct history (see ForecastTable).
 */
export async function scoreChunk(db: Database, input: ScoreChunkInput): Promise<number> {
  const { runId, asOf } = input;
  const settings = await readSettings(db, "engagement");
  const model = input.modelFitId ? await modelFitById(db, input.modelFitId) : null;
  return db.$client.begin(async (tx) => {
    const [scored] = await tx.unsafe<{ clients: number }[]>(`select clients from ${scoredChunksTable(runId)} where chunk = $1`, [input.chunk]);
    if (scored) return scored.clients;
    const counts = new TierCounts();
    const { chunk, progress } = await readChunk(tx, input, counts);
    const tierChanges = await writeChunk(tx, chunk, { runId, asOf, settings, model, counts });
    const { clients } = chunk;
    if (tierChanges.size > 0) {
      await tx.unsafe(
        `insert into ${stagedTierChangesTable(runId)} select * from unnest($1::uuid[], $2::engagement_tier[], $3::engagement_tier[], $4::int2[])`,
        tierChanges.arrayLiterals(),
      );
    }
    if (counts.size > 0) {
      await tx.unsafe(
        `insert into ${stagedTierCountsTable(runId)} select * from unnest($1::uuid[], $2::text[], $3::int2[], $4::int[], $5::bigint[], $6::float8[])`,
        counts.arrayLiterals(),
      );
    }
    await tx.unsafe(`insert into ${scoredChunksTable(runId)} (chunk, clients) values ($1, $2)`, [input.chunk, clients]);
    await tx`update scoring_runs set done = done + ${progress}, progressed_at = now() where id = ${runId}::uuid`;
    return clients;
  });
}

/**
 * The chunk's clients as columns, aggregated from the orders now or read from its staged table, which goes in the
 * same transaction; `progress`: the clients still to count (a staged chunk counted half of them when staged).
 */
async function readChunk(tx: TransactionSql, input: ScoreChunkInput, counts: TierCounts): Promise<{ chunk: Chunk; progress: number }> {
  if (input.staged === null) {
    await tx.unsafe(CHUNK_SETTINGS);
    const chunk = columnsOf(await readPackedRows(tx, CHUNK_ROW, unstagedRows(input.range, input.asOf)), input.asOf, counts);
    return { chunk, progress: chunk.clients };
  }
  const table = stagedHistoriesTable(input.runId, input.chunk);
  const staged = (await tableExists(tx, table)) ? await readPackedRows(tx, CHUNK_ROW, stagedRows(table, input.range)) : null;
  // An unlogged table comes back empty after a database crash: scoring what is left would drop clients from the list.
  if (staged?.rows !== input.staged) throw new Error(`Chunk ${input.chunk} holds ${staged?.rows ?? 0} of the ${input.staged} clients staged (did the database restart?)`);
  await tx.unsafe(`drop table ${table}`);
  const chunk = columnsOf(staged, input.asOf, counts);
  return { chunk, progress: chunk.clients - Math.floor(chunk.clients / 2) };
}

/** A chunk's packed rows as columns, never kept as row objects. */
function columnsOf(staged: PackedRows<keyof typeof CHUNK_ROW>, asOf: Date, counts: TierCounts): Chunk {
  const clients = staged.rows;
  const { bytes, offset } = staged;
  const histories = new HistoryColumns(clients);
  const uuids = new Uint8Array(clients * 16);
  const historyOf = new Int32Array(clients);
  const stylistOf = new Int32Array(clients);
  const tierCodes = Buffer.alloc(clients);
  // Each distinct stylist's 16 bytes (as a short string) to its number in `counts`: a shop has a few dozen.
  const stylists = new Map<string, number>();
  const history: HistoryRow = { client_id: "", order_count: 0, order_days: 0, first_ms: 0, last_ms: 0, last_year: 0, recent_count: 0, recent_shipped: 0, recent_kept: 0, recent_value: 0 };
  for (let i = 0; i < clients; i++) {
    const start = staged.start(i);
    bytes.copy(uuids, i * 16, start + offset.client_id, start + offset.client_id + 16);
    tierCodes[i] = staged.byte(i, "previous_tier");
    const stylistBytes = bytes.toString("latin1", start + offset.stylist_id, start + offset.stylist_id + 16);
    let stylist = stylists.get(stylistBytes);
    if (stylist === undefined) {
      stylist = counts.stylistOf(staged.isNilUuid(i, "stylist_id") ? null : uuidFromBytes(bytes, start + offset.stylist_id));
      stylists.set(stylistBytes, stylist);
    }
    stylistOf[i] = stylist;
    history.order_count = staged.int4(i, "order_count");
    if (history.order_count < 0) {
      historyOf[i] = -1;
      continue;
    }
    history.order_days = staged.int4(i, "order_days");
    history.first_ms = staged.float8(i, "first_ms");
    history.last_ms = staged.float8(i, "last_ms");
    history.last_year = staged.int4(i, "last_year");
    history.recent_count = staged.int4(i, "recent_count");
    history.recent_shipped = staged.int4(i, "recent_shipped");
    history.recent_kept = staged.int4(i, "recent_kept");
    history.recent_value = staged.float8(i, "recent_value");
    historyOf[i] = histories.push(history);
  }
  const keys = Float64Array.from({ length: histories.size }, (_, row) => histories.bgNbdKeyAt(row, asOf));
  return { clients, uuids, previousTiers: tierCodes.toString("latin1"), stylistOf, histories, historyOf, keys };
}

/**
 * Scores the chunk and writes two binary COPY streams one after the other on the step's connection: the snapshots
 * while scoring, then the chunk's client_scores rows sorted for the main index (see ClientScoreRows). Returns the
 * tier changes it saw.
 */
async function writeChunk(
  tx: TransactionSql,
  chunk: Chunk,
  context: { runId: string; asOf: Date; settings: EngagementSettings; model: StoredModelFit | null; counts: TierCounts },
): Promise<RunTierChanges> {
  const { asOf, settings, model } = context;
  const learnedWeights = model?.engagement.weights ?? null;
  const inputs = new DistinctBgNbdInputs(chunk.keys);
  const forecasts = model ? new ForecastTable(model.engagement.fit, inputs, model.engagement.calibration) : null;
  const asOfMs = asOf.getTime();
  const listRows = new ClientScoreRows(chunk.clients);
  const figures = historyFigures(EMPTY_CLIENT_HISTORY);
  const working = new ScoreWorking();
  const tierChanges = new RunTierChanges();
  const snapshots = new BinaryCopyWriter(await copyIntoRunSnapshots(tx, context.runId, SNAPSHOT_COLUMNS), { batchBytes: 4 * 1024 * 1024, maxQueuedBytes: 32 * 1024 * 1024 });
  try {
    for (let i = 0; i < chunk.clients; i++) {
      const row = chunk.historyOf[i] ?? -1;
      if (row < 0) {
        // No orders: no score (see keepsScore), so no snapshot, no count and no change of tier; the list shows unscored.
        listRows.addUnscored(chunk.uuids, i * 16);
        continue;
      }
      chunk.histories.figuresAt(row, figures);
      const slot = forecasts ? forecasts.slotAt(inputs.indexOfInput[row] ?? -1) : -1;
      const pAlive = slot >= 0 && forecasts ? forecasts.pAliveAt(slot) : Number.NaN;
      const expected = slot >= 0 && forecasts ? forecasts.expectedOrders90At(slot) : Number.NaN;
      const pOrder90d = slot >= 0 && forecasts ? forecasts.pOrder90At(slot) : Number.NaN;
      // As assessEngagement does: the learned weights apply to clients with a forecast, the admin's to the rest.
      const { score, tier } = scoreFigures(figures, asOfMs, settings, Number.isNaN(pAlive) ? null : pAlive, working, pOrder90d, Number.isNaN(pOrder90d) ? null : learnedWeights);
      const nextOrderMs = nextOrderDueMs(figures.lastOrderMs, working.typicalIntervalDays);
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
      listRows.add(chunk.uuids, i * 16, score, tier, pAlive, pOrder90d, nextOrderMs, atRisk);
      context.counts.add(chunk.stylistOf[i] ?? 0, tier, score, atRisk);
      const previous = tierOfCode(chunk.previousTiers.charAt(i));
      if (previous && previous !== tier) tierChanges.add(chunk.uuids, i * 16, previous, tier, score);
      if ((i + 1) % 16_384 === 0) await snapshots.flush();
    }
    await snapshots.end();
  } catch (error) {
    // An open COPY holds its connection forever: fail it, so its transaction rolls back and the connection frees.
    snapshots.abort(error);
    throw error;
  }
  const scores = new BinaryCopyWriter(await copyIntoNextClientScores(tx), { batchBytes: 2 * 1024 * 1024, maxQueuedBytes: 8 * 1024 * 1024 });
  try {
    await listRows.writeSorted(scores, asOfMs);
    await scores.end();
  } catch (error) {
    scores.abort(error);
    throw error;
  }
  return tierChanges;
}
