import "server-only";
import { desc, eq, sql } from "drizzle-orm";
import { summariseTierChanges, type TierChangeSummary } from "@/lib/domain/engagement/run-summary";
import { authorize } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";
import { modelFits, scoringRuns, tierChanges, users } from "@/lib/server/db/schema";
import { latestModelFit } from "@/lib/server/engagement/model-fit";

/** A scoring run as the settings page and its polling endpoint show it: plain JSON, dates as ISO strings. */
export type ScoringRunView = {
  id: string;
  status: "queued" | "running" | "succeeded" | "failed";
  asOf: string;
  total: number;
  done: number;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  startedByName: string | null;
  /** As of when the churn model the run scored with was fitted: the run's own date, or an earlier one it kept or reused. */
  modelAsOf: string | null;
  /** Whether the run reused a model fitted within the week rather than fit one (see mayReuseModelFit). */
  modelReused: boolean;
  /** For a finished run: how many clients changed tier, and which way. */
  tierChanges: TierChangeSummary | null;
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function getLatestScoringRun(ctx: ServiceContext): Promise<ScoringRunView | null> {
  authorize(ctx.actor, "settings.manage");
  const [row] = await ctx.db
    .select({ run: scoringRuns, startedByName: users.name, modelAsOf: modelFits.asOf })
    .from(scoringRuns)
    .leftJoin(users, eq(users.id, scoringRuns.startedBy))
    .leftJoin(modelFits, eq(modelFits.id, scoringRuns.modelFitId))
    .orderBy(desc(scoringRuns.createdAt))
    .limit(1);
  if (!row) return null;
  const { run } = row;
  return {
    id: run.id,
    status: run.status,
    asOf: run.asOf.toISOString(),
    total: run.total,
    done: run.done,
    error: run.error,
    createdAt: run.createdAt.toISOString(),
    startedAt: iso(run.startedAt),
    finishedAt: iso(run.finishedAt),
    startedByName: row.startedByName,
    modelAsOf: iso(row.modelAsOf),
    modelReused: run.modelReused,
    tierChanges: run.status === "succeeded" ? await runTierChanges(ctx, run.id) : null,
  };
}

async function runTierChanges(ctx: ServiceContext, runId: string): Promise<TierChangeSummary> {
  const rows = await ctx.db
    .select({ from: tierChanges.fromTier, to: tierChanges.toTier, clients: sql<number>`count(*)::int` })
    .from(tierChanges)
    .where(eq(tierChanges.runId, runId))
    .groupBy(tierChanges.fromTier, tierChanges.toTier);
  return summariseTierChanges(rows);
}

/** The churn model single-client rescoring currently uses, with the size of the data it was fitted on. */
export async function getCurrentModelFit(ctx: ServiceContext) {
  authorize(ctx.actor, "settings.manage");
  return latestModelFit(ctx.db);
}
