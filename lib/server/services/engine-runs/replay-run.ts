import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { writeAudit } from "@/lib/server/audit";
import { authorize } from "@/lib/server/auth/permissions";
import type { VerbArgs } from "@/lib/server/context";
import { engineRuns } from "@/lib/server/db/schema";
import { ConflictError, NotFoundError } from "@/lib/server/errors";
import { parseInput } from "@/lib/server/parse-input";

export const replayRunSchema = z.object({ runId: z.uuid("Unknown run") });

/**
 * Runs a failed (or cancelled) function run again from the start with the same events, as Inngest's replay
 * does: a new run, marked as a replay of the old one, which the engine picks up on its next tick. The
 * functions are idempotent, so steps that had succeeded change nothing the second time.
 */
export async function replayRun({ ctx, input }: VerbArgs<typeof replayRunSchema>) {
  authorize(ctx.actor, "settings.manage");
  const { runId } = parseInput(replayRunSchema, input);
  return ctx.db.transaction(async (tx) => {
    const [run] = await tx.select().from(engineRuns).where(eq(engineRuns.id, runId)).for("update");
    if (!run) throw new NotFoundError("Run");
    if (run.status !== "failed" && run.status !== "cancelled") throw new ConflictError("Only a failed or cancelled run can be replayed.");
    const [replay] = await tx
      .insert(engineRuns)
      .values({
        appId: run.appId,
        functionId: run.functionId,
        functionName: run.functionName,
        events: run.events,
        maxAttempts: run.maxAttempts,
        concurrencyKey: run.concurrencyKey,
        concurrencyLimit: run.concurrencyLimit,
        replayOf: run.id,
        nextAt: sql`now()`,
      })
      .returning();
    if (!replay) throw new Error("run insert returned no row");
    await writeAudit(tx, ctx.actor, { action: "engine_run.replay", entityType: "engine_run", entityId: replay.id, after: { replayOf: run.id, functionId: run.functionId } });
    return replay;
  });
}
