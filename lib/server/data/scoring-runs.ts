import "server-only";
import { desc, eq, sql } from "drizzle-orm";
import { summariseTierChanges, type TierChangeSummary } from "@/lib/domain/engagement/run-summary";
import { authorize } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";
import { modelFits, outreachAssignments, scoringRuns, tierChanges, users, winBackEmails } from "@/lib/server/db/schema";
import { latestModelFit } from "@/lib/server/engagement/model-fit";
import { firstRunOutreachNotice, importOutreachNotice, pendingOutreachNotice } from "@/lib/domain/email/outreach";
import { winBackEntriesWithoutOutreach } from "./outreach-entries";
import { readSettings } from "./settings";

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
  /** For a finished run: the clients it handed to win-back outreach so far (outreach follows the run by moments). */
  outreach: RunOutreach | null;
  /** Finished within the last minute, by this server's clock: outreach may still be taking its entries in. */
  outreachSettling: boolean;
};

/** How long after a run outreach is taken to be still taking its entries in. */
const OUTREACH_SETTLING_MS = 60_000;

/**
 * What win-back outreach made of a run's entries (its tier changes into at risk or lapsed, and its first scores
 * there), so far: how many were assigned, held out (no email, the measure's control), have a draft waiting for
 * review, or an approved email (by the auto-send policy or a reviewer since: scheduled, or already sent), or one
 * discarded since.
 */
export type RunOutreach = { entered: number; heldOut: number; awaitingReview: number; approved: number; discarded: number };

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
    outreach: run.status === "succeeded" && run.startedAt ? await outreachOfRun(ctx, { asOf: run.asOf, startedAt: run.startedAt }) : null,
    outreachSettling: run.status === "succeeded" && run.finishedAt !== null && Date.now() - run.finishedAt.getTime() < OUTREACH_SETTLING_MS,
  };
}

/**
 * The outreach assignments answering the run's entries: each entered win-back as of the run's date (a tier change's
 * date, or a first score's), and was assigned after the run started, which keeps the read to the recent end of
 * the assignments' index.
 */
async function outreachOfRun(ctx: ServiceContext, run: { asOf: Date; startedAt: Date }): Promise<RunOutreach> {
  const [row] = await ctx.db.execute<RunOutreach>(sql`
    select count(*)::int as "entered",
      (count(*) filter (where a."group" = 'holdout'))::int as "heldOut",
      (count(e.id) filter (where e.state = 'draft'))::int as "awaitingReview",
      (count(e.id) filter (where e.state not in ('draft', 'discarded')))::int as "approved",
      (count(e.id) filter (where e.state = 'discarded'))::int as "discarded"
    from ${outreachAssignments} a left join ${winBackEmails} e on e.id = a.email_id
    where a.assigned_at >= ${run.startedAt.toISOString()}::timestamptz and a.entered_at = ${run.asOf.toISOString()}::timestamptz`);
  return row ?? { entered: 0, heldOut: 0, awaitingReview: 0, approved: 0, discarded: 0 };
}

async function runTierChanges(ctx: ServiceContext, runId: string): Promise<TierChangeSummary> {
  const rows = await ctx.db
    .select({ from: tierChanges.fromTier, to: tierChanges.toTier, clients: sql<number>`count(*)::int` })
    .from(tierChanges)
    .where(eq(tierChanges.runId, runId))
    .groupBy(tierChanges.fromTier, tierChanges.toTier);
  return summariseTierChanges(rows);
}

/** How many waiting entries the notice counts before it says "1,000+". */
const PENDING_CAP = 1_000;

/**
 * What the next full rescoring will hand to win-back outreach at once under the email policy, for its button: before
 * the shop's first run, every client it scores into at risk or lapsed (see firstRunOutreachNotice); after, the
 * clients already there whom outreach has not had yet (see pendingOutreachNotice). Null when there are none, or when
 * the policy drafts nothing.
 */
export async function nextRunOutreachNoticeFor(ctx: ServiceContext): Promise<string | null> {
  authorize(ctx.actor, "settings.manage");
  const [[finished], policy] = await Promise.all([
    ctx.db.select({ id: scoringRuns.id }).from(scoringRuns).where(eq(scoringRuns.status, "succeeded")).limit(1),
    readSettings(ctx.db, "email_policy"),
  ]);
  if (!finished) return firstRunOutreachNotice(policy);
  const pending = await winBackEntriesWithoutOutreach(ctx.db, PENDING_CAP + 1, null, { reachableNow: true });
  return pendingOutreachNotice(Math.min(pending.length, PENDING_CAP), pending.length > PENDING_CAP, policy);
}

/** For the Import page: what imported clients first scored at risk or lapsed set off (see importOutreachNotice). */
export async function importOutreachNoticeFor(ctx: ServiceContext): Promise<string | null> {
  authorize(ctx.actor, "data.import");
  return importOutreachNotice(await readSettings(ctx.db, "email_policy"));
}

/** The churn model single-client rescoring currently uses, with the size of the data it was fitted on. */
export async function getCurrentModelFit(ctx: ServiceContext) {
  authorize(ctx.actor, "settings.manage");
  return latestModelFit(ctx.db);
}
