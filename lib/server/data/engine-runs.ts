import "server-only";
import { desc, eq, inArray, type SQL } from "drizzle-orm";
import { z } from "zod";
import { authorize } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";
import { type EngineRun, type EngineStep, engineRunStatus, engineRuns, engineSteps } from "@/lib/server/db/schema";

const RUNS_PAGE_SIZE = 50;
export const runStatusFilter = z.enum(engineRunStatus.enumValues).optional().catch(undefined);
type RunStatus = EngineRun["status"];

export type RunListItem = Pick<EngineRun, "id" | "functionName" | "status" | "attempt" | "calls" | "createdAt" | "startedAt" | "finishedAt" | "nextAt" | "error" | "replayOf"> & {
  eventName: string;
  steps: Pick<EngineStep, "id" | "name" | "op" | "attempt" | "outcome" | "error" | "startedAt" | "durationMs">[];
};

/** The embedded engine's latest runs with their steps, newest first, optionally of one status: the Runs page. */
export async function listEngineRuns(ctx: ServiceContext, status?: RunStatus): Promise<RunListItem[]> {
  authorize(ctx.actor, "settings.manage");
  const where: SQL | undefined = status ? eq(engineRuns.status, status) : undefined;
  const runs = await ctx.db
    .select({
      id: engineRuns.id,
      functionName: engineRuns.functionName,
      status: engineRuns.status,
      attempt: engineRuns.attempt,
      calls: engineRuns.calls,
      createdAt: engineRuns.createdAt,
      startedAt: engineRuns.startedAt,
      finishedAt: engineRuns.finishedAt,
      nextAt: engineRuns.nextAt,
      error: engineRuns.error,
      replayOf: engineRuns.replayOf,
      events: engineRuns.events,
    })
    .from(engineRuns)
    .where(where)
    .orderBy(desc(engineRuns.createdAt))
    .limit(RUNS_PAGE_SIZE);
  const steps = runs.length
    ? await ctx.db
        .select()
        .from(engineSteps)
        .where(
          inArray(
            engineSteps.runId,
            runs.map((r) => r.id),
          ),
        )
        .orderBy(engineSteps.startedAt)
    : [];
  return runs.map(({ events, ...run }) => ({
    ...run,
    eventName: typeof events[0]?.name === "string" ? events[0].name : "",
    steps: steps.filter((s) => s.runId === run.id),
  }));
}
