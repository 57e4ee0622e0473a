import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "@/lib/domain/access/policy";
import { authorize } from "@/lib/server/auth/permissions";
import type { Database } from "@/lib/server/db/client";
import { scoringRuns } from "@/lib/server/db/schema";
import { ConflictError } from "@/lib/server/errors";
import { parseInput } from "@/lib/server/services/parse";
import { readSettings } from "@/lib/server/services/settings/settings-store";
import { bulkRescore } from "./bulk-rescore";
import { DEFAULT_CHUNK_SIZE } from "./chunk-work";
import { waitForFullRescoreLock } from "./full-rescore-lock";

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
      .set({ status: "running", startedAt: new Date() })
      .where(and(eq(scoringRuns.id, runId), eq(scoringRuns.status, "queued")))
      .returning();
    if (!run) throw new ConflictError("This scoring run is not waiting to start.");
    // Counted alongside the run's first reads rather than before them: a million clients take a moment to count.
    // The total only sizes the progress bar, so a failed count is reported and the run goes on.
    const counted = db
      .update(scoringRuns)
      .set({ total: sql`(select count(*)::int from clients)` })
      .where(eq(scoringRuns.id, run.id))
      .then(
        () => undefined,
        (error: unknown) => console.warn(`Scoring run ${run.id} could not count its clients`, error),
      );
    try {
      await rescoreEveryClient(db, run.id, run.asOf, chunkSize);
      await counted;
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
