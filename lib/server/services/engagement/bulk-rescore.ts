import "server-only";
import { once } from "node:events";
import type { Writable } from "node:stream";
import { sql } from "drizzle-orm";
import type { Sql } from "postgres";
import {
  assessEngagement,
  type ClientHistory,
  currentEngagementOf,
  EMPTY_CLIENT_HISTORY,
  type EngagementSettings,
  type EngagementTier,
  groupBgNbdInputs,
} from "@/lib/domain/engagement";
import type { Database } from "@/lib/server/db/client";
import { copyField } from "@/lib/server/db/copy";
import { scoringRuns } from "@/lib/server/db/schema";
import { type ChunkOptions, forEachChunk, inChunkTransaction } from "./chunk-work";
import { aggregateHistories } from "./client-histories";
import { type ClientSelection, selectionWhere } from "./client-selection";
import { fitHistories, modelVersionOf, type StoredModelFit, storeModelFit } from "./model-fit";
import { CLIENT_SCORE_COPY_COLUMNS, createNextClientScores, indexNextClientScores, swapInNextClientScores } from "./swap-client-scores";

type PreviousScore = { tier: EngagementTier | null; scoredMs: number | null };
type Chunk = { ids: string[]; previous: PreviousScore[]; histories: Map<string, ClientHistory> };
export type BulkRescoreInput = { runId: string; asOf: Date; settings: EngagementSettings; chunks?: ChunkOptions };

const SNAPSHOT_COLUMNS = ["client_id", "score", "tier", "recency", "frequency", "value", "keep_rate", "p_alive", "expected_orders90d", "next_order_expected_at", "run_id", "as_of", "model_fit_id", "model_version"];
const TIER_CHANGE_COLUMNS = ["client_id", "run_id", "from_tier", "to_tier", "score", "changed_at"];

/**
 * Rescoring every client, set-based end to end:
 * 1. one aggregation over orders per chunk of clients, several chunks at once, kept in memory;
 * 2. BG/NBD fitted on those same histories (no second pass over orders);
 * 3. every client assessed in memory and streamed by COPY into the snapshots and into a fresh copy of
 *    client_scores, whose indexes are then built once and which replaces the live table in one short swap.
 * Progress counts each client half when aggregated and half when written.
 */
export async function bulkRescore(db: Database, input: BulkRescoreInput): Promise<StoredModelFit | null> {
  const { runId, asOf } = input;
  const addProgress = (clients: number) => db.update(scoringRuns).set({ done: sql`${scoringRuns.done} + ${clients}` }).where(sql`${scoringRuns.id} = ${runId}`);

  const chunks: Chunk[] = [];
  await forEachChunk(db, input.chunks ?? {}, async (range) => {
    const chunk = await inChunkTransaction(db, (tx) => readChunk(tx, range, asOf));
    chunks.push(chunk);
    await addProgress(Math.floor(chunk.ids.length / 2));
  });

  const fitted = fitHistories(groupBgNbdInputs(allHistories(chunks), asOf), asOf);
  const model = fitted ? await storeModelFit(db, fitted) : null;
  if (model) await db.update(scoringRuns).set({ modelFitId: model.id }).where(sql`${scoringRuns.id} = ${runId}`);

  const client = db.$client;
  await createNextClientScores(client);
  await writeAssessments(client, chunks, { ...input, model }, (written) => addProgress(written - Math.floor(written / 2)));
  await indexNextClientScores(client);
  await swapInNextClientScores(client, asOf);
  return model;
}

async function readChunk(tx: Parameters<typeof aggregateHistories>[0], range: ClientSelection, asOf: Date): Promise<Chunk> {
  const [histories, rows] = await Promise.all([
    aggregateHistories(tx, range, asOf),
    tx.execute<{ client_id: string; tier: EngagementTier | null; scored_ms: number | null }>(sql`
      select client_id, tier, extract(epoch from scored_at)::float8 * 1000 as scored_ms
      from client_scores where ${selectionWhere(sql`client_id`, range)} order by client_id`),
  ]);
  return { ids: rows.map((r) => r.client_id), previous: rows.map((r) => ({ tier: r.tier, scoredMs: r.scored_ms })), histories };
}

function* allHistories(chunks: Chunk[]): Iterable<ClientHistory> {
  for (const chunk of chunks) yield* chunk.histories.values();
}

/**
 * Assesses chunk after chunk and writes three COPY streams at once, each on its own connection: snapshots and tier
 * changes in one transaction (a rerun with the same as-of date replaces its snapshots), scores into the fresh table.
 */
async function writeAssessments(
  client: Sql,
  chunks: Chunk[],
  context: BulkRescoreInput & { model: StoredModelFit | null },
  onWritten: (clients: number) => Promise<unknown>,
): Promise<void> {
  const { asOf, runId, settings, model } = context;
  const asOfText = asOf.toISOString();
  const params = model?.params ?? null;
  const forecastMemo = new Map();
  // Next-order dates fall on a few hundred distinct days: format each once.
  const dateTexts = new Map<number, string>();
  const dateField = (date: Date | null) => {
    if (!date) return copyField(null);
    const ms = date.getTime();
    let text = dateTexts.get(ms);
    if (text === undefined) dateTexts.set(ms, (text = date.toISOString()));
    return text;
  };
  // What every row of this run shares, formatted once.
  const snapshotTail = `\t${runId}\t${asOfText}\t${copyField(model?.id ?? null)}\t${copyField(modelVersionOf(model))}\n`;

  await client.begin(async (tx) => {
    await tx`delete from engagement_snapshots where as_of = ${asOfText}::timestamptz`;
    const snapshots = await tx.unsafe(`copy engagement_snapshots (${SNAPSHOT_COLUMNS.join(", ")}) from stdin`).writable();
    const scores = await client.unsafe(`copy client_scores_next (${CLIENT_SCORE_COPY_COLUMNS.join(", ")}) from stdin`).writable();
    const tierChanges: string[] = [];
    for (const chunk of chunks) {
      let snapshotText = "";
      let scoreText = "";
      chunk.ids.forEach((id, i) => {
        const assessment = assessEngagement({ history: chunk.histories.get(id) ?? EMPTY_CLIENT_HISTORY, asOf, settings, params, explain: false, forecastMemo });
        const { components: c } = assessment;
        const current = currentEngagementOf(assessment);
        snapshotText += `${id}\t${assessment.score}\t${assessment.tier}\t${copyField(c.recency)}\t${copyField(c.frequency)}\t${copyField(c.value)}\t${copyField(c.keepRate)}\t${copyField(assessment.pAlive)}\t${copyField(assessment.expectedOrders90d)}\t${dateField(assessment.nextOrderExpectedAt)}${snapshotTail}`;
        scoreText += `${id}\t${current.score}\t${current.tier}\t${copyField(current.pAlive)}\t${copyField(current.expectedOrders90d)}\t${dateField(current.nextOrderExpectedAt)}\t${asOfText}\n`;
        const previous = chunk.previous[i];
        // A first score is not a change of tier; nor is one that a later-dated score has overtaken.
        if (previous?.tier && previous.tier !== current.tier && !(previous.scoredMs !== null && previous.scoredMs > asOf.getTime())) {
          tierChanges.push(`${id}\t${runId}\t${previous.tier}\t${current.tier}\t${current.score}\t${asOfText}\n`);
        }
      });
      await Promise.all([write(snapshots, snapshotText), write(scores, scoreText)]);
      await onWritten(chunk.ids.length);
    }
    await Promise.all([finish(snapshots), finish(scores)]);
    if (tierChanges.length) {
      const changes = await tx.unsafe(`copy tier_changes (${TIER_CHANGE_COLUMNS.join(", ")}) from stdin`).writable();
      for (let i = 0; i < tierChanges.length; i += 10_000) await write(changes, tierChanges.slice(i, i + 10_000).join(""));
      await finish(changes);
    }
  });
}

async function write(stream: Writable, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, "drain");
}

async function finish(stream: Writable): Promise<void> {
  const finished = once(stream, "finish");
  stream.end();
  await finished;
}
