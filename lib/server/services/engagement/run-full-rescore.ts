import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { authorize } from "@/lib/server/auth/permissions";
import type { VerbArgs } from "@/lib/server/context";
import type { Database } from "@/lib/server/db/client";
import { scoringRuns } from "@/lib/server/db/schema";
import { ConflictError } from "@/lib/server/errors";
import { parseInput } from "@/lib/server/parse-input";
import { DEFAULT_CHUNK_SIZE, DEFAULT_WORKERS } from "@/lib/server/engagement/chunk-work";
import { waitForFullRescoreLock } from "@/lib/server/engagement/full-rescore-lock";
import { directSteps, executeFullRun } from "@/lib/server/engagement/full-run";

export const runFullRescoreSchema = z.object({ runId: z.uuid(), chunkSize: z.number().int().min(1).max(100_000).default(DEFAULT_CHUNK_SIZE) });

/**
 * Executes a queued full rescoring in this process: the same steps the full-rescore Inngest function runs (see
 * executeFullRun), with several chunks at once. For tests, benchmarks and scripts; the app runs it through Inngest.
 * Holds the run lock throughout, so a second run in this way waits for this one. The same as-of date always gives
 * the same stored result: snapshots for that date are replaced and the scores table is rebuilt whole.
 */
export async function runFullRescore({ ctx, input }: VerbArgs<typeof runFullRescoreSchema, Database>) {
  authorize(ctx.actor, "settings.manage");
  const { runId, chunkSize } = parseInput(runFullRescoreSchema, input);
  const { db } = ctx;
  // This transaction only holds the lock; the steps run on other connections and commit one by one.
  const outcome = await db.transaction(async (lockTx) => {
    await waitForFullRescoreLock(lockTx);
    return executeFullRun(db, runId, directSteps(DEFAULT_WORKERS), chunkSize);
  });
  if (outcome.status === "not queued") throw new ConflictError("This scoring run is not waiting to start.");
  const [run] = await db.select().from(scoringRuns).where(eq(scoringRuns.id, runId));
  if (!run) throw new Error(`scoring run ${runId} vanished`);
  return run;
}
