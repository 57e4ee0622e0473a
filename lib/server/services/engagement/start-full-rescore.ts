import "server-only";
import { and, eq, inArray, lt, sql } from "drizzle-orm";
import { z } from "zod";
import { writeAudit } from "@/lib/server/audit";
import { authorize } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";
import type { Executor } from "@/lib/server/db/client";
import { scoringRuns } from "@/lib/server/db/schema";
import { ConflictError } from "@/lib/server/errors";
import { parseInput } from "@/lib/server/parse-input";
import { asOfSchema } from "@/lib/server/engagement/as-of";
import { tryFullRescoreLock } from "@/lib/server/engagement/full-rescore-lock";

const startFullRescoreSchema = z.object({ asOf: asOfSchema });
// A queued run normally starts within milliseconds; one this old lost its process before it began.
const QUEUED_RUN_STALE_AFTER = "5 minutes";

export const RESCORE_ALREADY_RUNNING = "A full rescoring is already running. Wait for it to finish.";

/**
 * Queues a rescoring of every client as of `asOf` (default now); the caller then starts it in the background.
 * Refused while another run is queued or running. Runs left "running" by a process that died (nobody holds
 * the run lock any more) are marked failed here, so they never block new runs.
 */
export async function startFullRescore({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  authorize(ctx.actor, "settings.manage");
  const { asOf } = parseInput(startFullRescoreSchema, input);
  return ctx.db.transaction(async (tx) => {
    if (!(await tryFullRescoreLock(tx))) throw new ConflictError(RESCORE_ALREADY_RUNNING);
    await failAbandonedRuns(tx);
    const [active] = await tx.select({ id: scoringRuns.id }).from(scoringRuns).where(inArray(scoringRuns.status, ["queued", "running"])).limit(1);
    if (active) throw new ConflictError(RESCORE_ALREADY_RUNNING);
    const [run] = await tx
      .insert(scoringRuns)
      .values({ asOf: asOf ?? new Date(), startedBy: ctx.actor.type === "user" ? ctx.actor.id : null })
      .returning();
    if (!run) throw new Error("scoring run insert returned no row");
    await writeAudit(tx, ctx.actor, { action: "scoring.full_rescore.start", entityType: "scoring_run", entityId: run.id, after: run });
    return run;
  });
}

/** Call with the run lock held: every "running" run is then an orphan. */
async function failAbandonedRuns(tx: Executor) {
  const failed = { status: "failed" as const, error: "Interrupted: the server stopped before the run finished.", finishedAt: new Date() };
  await tx.update(scoringRuns).set(failed).where(eq(scoringRuns.status, "running"));
  await tx
    .update(scoringRuns)
    .set(failed)
    .where(and(eq(scoringRuns.status, "queued"), lt(scoringRuns.createdAt, sql`now() - ${QUEUED_RUN_STALE_AFTER}::interval`)));
}
