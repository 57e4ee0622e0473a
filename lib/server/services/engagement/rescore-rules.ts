import "server-only";
import { and, eq, inArray, lt, sql } from "drizzle-orm";
import { writeAudit } from "@/lib/server/audit";
import { type AppEvent, appEvent } from "@/inngest/events";
import type { Actor } from "@/lib/domain/access/policy";
import type { Executor } from "@/lib/server/db/client";
import { scoringRuns } from "@/lib/server/db/schema";
import { ConflictError } from "@/lib/server/errors";
import { tryFullRescoreLock } from "@/lib/server/engagement/full-rescore-lock";

// A queued run starts as soon as the engine (or Inngest) runs the full-rescore function; one this old lost its event.
const QUEUED_RUN_STALE_AFTER = "30 minutes";
// Each step of a running run takes well under a minute and records its progress; one silent this long was given up
// (its function failed without marking it, or a process running it directly died).
const RUNNING_RUN_STALE_AFTER = "15 minutes";

const RESCORE_ALREADY_RUNNING = "A full rescoring is already running. Wait for it to finish.";

/**
 * Inside the caller's transaction: inserts a queued run and the event that has the full-rescore function run it
 * (inngest/functions/full-rescore.ts). ConflictError while another run is queued or running.
 */
export async function queueFullRescore(tx: Executor, emit: (...events: AppEvent[]) => Promise<void>, actor: Actor, asOf?: Date) {
  if (!(await tryFullRescoreLock(tx))) throw new ConflictError(RESCORE_ALREADY_RUNNING);
  await failAbandonedRuns(tx);
  const [active] = await tx.select({ id: scoringRuns.id }).from(scoringRuns).where(inArray(scoringRuns.status, ["queued", "running"])).limit(1);
  if (active) throw new ConflictError(RESCORE_ALREADY_RUNNING);
  const [run] = await tx
    .insert(scoringRuns)
    .values({ asOf: asOf ?? new Date(), startedBy: actor.type === "user" ? actor.id : null })
    .returning();
  if (!run) throw new Error("scoring run insert returned no row");
  await writeAudit(tx, actor, { action: "scoring.full_rescore.start", entityType: "scoring_run", entityId: run.id, after: run });
  await emit(appEvent("rekindle/scoring.run-requested", { runId: run.id }));
  return run;
}

/** Call with the run lock held (no run is going on in-process then): a run silent for long is an orphan. */
async function failAbandonedRuns(tx: Executor) {
  const failed = { status: "failed" as const, error: "Interrupted: the run made no progress for 15 minutes.", finishedAt: new Date() };
  await tx
    .update(scoringRuns)
    .set(failed)
    .where(
      and(
        eq(scoringRuns.status, "running"),
        sql`coalesce(${scoringRuns.progressedAt}, ${scoringRuns.startedAt}, ${scoringRuns.createdAt}) < now() - ${RUNNING_RUN_STALE_AFTER}::interval`,
      ),
    );
  await tx
    .update(scoringRuns)
    .set(failed)
    .where(and(eq(scoringRuns.status, "queued"), lt(scoringRuns.createdAt, sql`now() - ${QUEUED_RUN_STALE_AFTER}::interval`)));
}
