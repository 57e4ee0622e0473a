import "server-only";
import type { Database } from "@/lib/server/db/client";
import { uuidToBytes } from "@/lib/server/db/copy-binary";
import type { EngagementTier } from "@/lib/domain/engagement";
import { scoredChunksTable, stagedTierChangesTable } from "./full-run-tables";
import { indexRunSnapshots, publishRunSnapshots } from "./run-snapshots";
import { RunTierChanges } from "./run-tier-changes";
import { assertNextShapedAsLive, indexNextClientScores, liveClientScoreIndexes, swapInNextClientScores } from "./swap-client-scores";

type PublishFullRunInput = { runId: string; asOf: Date; readHorizon: string; loaded: number };

/**
 * A full run's last step: builds the indexes of the run's snapshots and of the fresh client_scores (each on its own
 * connection, at once; ones an earlier attempt built stay), then in one short transaction swaps the fresh table in,
 * makes the snapshots a partition, stores the tier changes with their events and marks the run succeeded (see
 * swapInNextClientScores). Repeated after that transaction committed, it finds the run succeeded and does nothing.
 * Refuses a run that is no longer running (marked abandoned meanwhile).
 */
export async function publishFullRun(db: Database, input: PublishFullRunInput): Promise<void> {
  const { runId, asOf } = input;
  const client = db.$client;
  const [run] = await client<{ status: string }[]>`select status from scoring_runs where id = ${runId}::uuid`;
  if (run?.status === "succeeded") return;
  if (run?.status !== "running") throw new Error(`Scoring run ${runId} is ${run?.status ?? "gone"}, not running`);
  // Before the index builds, which would otherwise fail on a column the copy lacks with a less telling error.
  await assertNextShapedAsLive(client);
  const indexes = await liveClientScoreIndexes(client);
  const builds = await Promise.allSettled([indexRunSnapshots(client, runId), indexNextClientScores(client, indexes)]);
  const failure = builds.find((build) => build.status === "rejected");
  if (failure) throw failure.reason;
  const changesTable = stagedTierChangesTable(runId);
  const tierChanges = new RunTierChanges();
  const bytes = new Uint8Array(16);
  await client
    .unsafe<{ client_id: string; from_tier: EngagementTier; to_tier: EngagementTier; score: number }[]>(`select client_id, from_tier, to_tier, score from ${changesTable}`)
    .forEach((change) => {
      uuidToBytes(change.client_id, 0, bytes, 0);
      tierChanges.add(bytes, 0, change.from_tier, change.to_tier, change.score);
    });
  await swapInNextClientScores(client, { asOf, runId, tierChanges, loaded: input.loaded, readHorizon: input.readHorizon, indexes }, async (tx, context) => {
    await publishRunSnapshots(tx, { runId, asOf }, context);
    await tx.unsafe(`drop table if exists ${changesTable}, ${scoredChunksTable(runId)}`);
    // The total was counted before the chunks were read: clients created or deleted since leave it a little off.
    await tx`update scoring_runs set status = 'succeeded', error = null, total = done, finished_at = now(), progressed_at = now() where id = ${runId}::uuid`;
  });
}
