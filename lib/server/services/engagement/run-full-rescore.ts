import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "@/lib/domain/access/policy";
import { authorize } from "@/lib/server/auth/permissions";
import type { Database } from "@/lib/server/db/client";
import { scoringRuns } from "@/lib/server/db/schema";
import { ConflictError } from "@/lib/server/errors";
import { parseInput } from "@/lib/server/parse-input";
import { readSettings } from "@/lib/server/data/settings";
import { bulkRescore } from "@/lib/server/engagement/bulk-rescore";
import { DEFAULT_CHUNK_SIZE } from "@/lib/server/engagement/chunk-work";
import { waitForFullRescoreLock } from "@/lib/server/engagement/full-rescore-lock";

const runFullRescoreSchema = z.object({ runId: z.uuid(), chunkSize: z.number().int().min(1).max(100_000).default(DEFAULT_CHUNK_SIZE) });

/** The pool itself, not a transaction: the run spreads its chunks over several connections. */
export type PoolContext = { actor: Actor; db: Database };

/**
 * Executes a queued full rescoring (see bulkRescore), counting progress in the run row as it goes.
 * Holds the run lock throughout, so a second run waits for this one. The same as-of date always gives the same
 * stored result: snapshots for that date are replaced and the scores table is rebuilt whole.
 */
export async function runFullRescore({ ctx, input }: { ctx: PoolContext; input: unknown }) {
  authorize(ctx.actor, "settings.manage");
  const { runId, chunkSize } = parseInput(runFullRescoreSchema, input);
  const { db } = ctx;
  // This transaction only holds the lock; the work runs on other connections and commits chunk by chunk.
  return db.transaction(async (lockTx) => {
    await waitForFullRescoreLock(lockTx);
    const [run] = await db
      .update(scoringRuns)
      // Until the run has read every client and stores how many (see bulkRescore), the progress bar's total is the
      // planner's estimate: counting a million clients first would cost a pass over them.
      .set({ status: "running", startedAt: new Date(), total: sql`(select greatest(reltuples, 0)::int from pg_class where oid = 'clients'::regclass)` })
      .where(and(eq(scoringRuns.id, runId), eq(scoringRuns.status, "queued")))
      .returning();
    if (!run) throw new ConflictError("This scoring run is not waiting to start.");
    try {
      await rescoreEveryClient(db, run.id, run.asOf, chunkSize);
      return await finishRun(db, run.id, { status: "succeeded" });
    } catch (error) {
      console.error(`Scoring run ${run.id} failed`, error);
      return finishRun(db, run.id, { status: "failed", error: failureReason(error) });
    }
  });
}

async function rescoreEveryClient(db: Database, runId: string, asOf: Date, chunkSize: number) {
  const settings = await readSettings(db, "engagement");
  await bulkRescore(db, { runId, asOf, settings, chunks: { chunkSize } });
}

/** What an admin sees: the database's own message rather than a failed query with all its parameters. */
function failureReason(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return cause instanceof Error ? cause.message.slice(0, 500) : "Unknown error";
}

async function finishRun(db: Database, runId: string, outcome: { status: "succeeded" | "failed"; error?: string }) {
  const [run] = await db
    .update(scoringRuns)
    .set({ status: outcome.status, error: outcome.error ?? null, finishedAt: new Date() })
    .where(eq(scoringRuns.id, runId))
    .returning();
  if (!run) throw new Error(`scoring run ${runId} vanished`);
  return run;
}
