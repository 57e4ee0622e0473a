import "server-only";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { assessEngagement, EMPTY_CLIENT_HISTORY, type EngagementAssessment, type EngagementComponents, type EngagementSettings } from "@/lib/domain/engagement";
import { authorize, clientScopeWhere } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";
import { clients, engagementSnapshots, scoringRuns } from "@/lib/server/db/schema";
import { aggregateHistories } from "@/lib/server/engagement/client-histories";
import { modelFitById } from "@/lib/server/engagement/model-fit";
import { ofRunsOrUnrun } from "@/lib/server/engagement/run-snapshots";
import { readSettings } from "@/lib/server/data/settings";

/** Enough snapshots for a few months of nightly rescoring; older runs' snapshots stay stored but are not read. */
const SCORE_HISTORY_LIMIT = 120;

/**
 * A client's latest engagement snapshot, the reasons behind it, and their score over time (oldest first).
 * The join keeps the stylist scope. Snapshots do not store the drivers, the outlook or P(order in 90 days) (a million
 * rows a night); they are recomputed here from the same orders, as of the same date, with the same model, unless
 * the caller has no use for them (`reasons: false`: the client page assesses the client as of now instead).
 * `historyLimit`: how many snapshots back (a draft needs only the latest one's reasons).
 */
export async function getClientEngagement(ctx: ServiceContext, clientId: string, { reasons = true, historyLimit = SCORE_HISTORY_LIMIT }: { reasons?: boolean; historyLimit?: number } = {}) {
  authorize(ctx.actor, "clients.read");
  const [rows, settings] = await Promise.all([snapshotHistory(ctx, clientId, historyLimit), readSettings(ctx.db, "engagement")]);
  const latest = rows[0];
  const recomputed = latest && reasons ? await assessmentAsOf(ctx, clientId, latest.asOf, latest.modelFitId, settings) : null;
  return {
    tiers: settings.tiers,
    latest: latest
      ? {
          ...latest,
          components: {
            recency: latest.recency,
            frequency: latest.frequency,
            value: latest.value,
            keepRate: latest.keepRate,
            outlook: recomputed?.components.outlook ?? null,
          } satisfies EngagementComponents,
          drivers: recomputed?.drivers ?? [],
          /** How much each part counted (see EngagementAssessment.weights); null when not recomputed. */
          weights: recomputed?.weights ?? null,
          /** P(at least one order in the 90 days after the snapshot), recomputed with its model. */
          pOrder90d: recomputed?.pOrder90d ?? null,
        }
      : null,
    history: rows.map((r) => ({ asOf: r.asOf, score: r.score, tier: r.tier })).reverse(),
  };
}

const SNAPSHOT_FIELDS = {
  asOf: engagementSnapshots.asOf,
  score: engagementSnapshots.score,
  tier: engagementSnapshots.tier,
  recency: engagementSnapshots.recency,
  frequency: engagementSnapshots.frequency,
  value: engagementSnapshots.value,
  keepRate: engagementSnapshots.keepRate,
  pAlive: engagementSnapshots.pAlive,
  expectedOrders90d: engagementSnapshots.expectedOrders90d,
  nextOrderExpectedAt: engagementSnapshots.nextOrderExpectedAt,
  modelFitId: engagementSnapshots.modelFitId,
  modelVersion: engagementSnapshots.modelVersion,
};

/**
 * A client's latest snapshots, newest first, if the actor may see the client: one probe of the client index of the
 * partitions that can hold them, those of the latest `limit` full runs and the one for single-client snapshots.
 */
async function snapshotHistory(ctx: ServiceContext, clientId: string, limit: number) {
  const visible = inArray(
    engagementSnapshots.clientId,
    ctx.db.select({ id: clients.id }).from(clients).where(and(eq(clients.id, clientId), clientScopeWhere(ctx.actor))),
  );
  const runs = await ctx.db.select({ id: scoringRuns.id }).from(scoringRuns).where(eq(scoringRuns.status, "succeeded")).orderBy(desc(scoringRuns.asOf)).limit(limit);
  return ctx.db
    .select(SNAPSHOT_FIELDS)
    .from(engagementSnapshots)
    .where(and(eq(engagementSnapshots.clientId, clientId), ofRunsOrUnrun(sql`${engagementSnapshots.runId}`, runs.map((run) => run.id)), visible))
    .orderBy(desc(engagementSnapshots.asOf))
    .limit(limit);
}

async function assessmentAsOf(ctx: ServiceContext, clientId: string, asOf: Date, modelFitId: string | null, settings: EngagementSettings): Promise<EngagementAssessment> {
  const [histories, model] = await Promise.all([aggregateHistories(ctx.db, { ids: [clientId] }, asOf), modelFitId ? modelFitById(ctx.db, modelFitId) : null]);
  const history = histories.get(clientId) ?? EMPTY_CLIENT_HISTORY;
  return assessEngagement({ history, asOf, settings, model: model?.engagement ?? null });
}

export type ClientEngagement = Awaited<ReturnType<typeof getClientEngagement>>;
