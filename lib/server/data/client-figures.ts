import "server-only";
import { clientFigures, scoreOverTime, type EngagementOrder } from "@/lib/domain/engagement";
import { authorize } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";
import { latestModelFit, modelFitById } from "@/lib/server/engagement/model-fit";
import { readSettings } from "@/lib/server/data/settings";

/**
 * What the client page says about a client's orders, from the orders the page already read (scoped to the
 * actor): the headline figures and the score as of each past week, both with the scoring a rescoring uses.
 * The model is the one behind the latest snapshot, else the latest fit.
 */
export async function getClientFigures(ctx: ServiceContext, orders: readonly EngagementOrder[], modelFitId: string | null, now = new Date()) {
  authorize(ctx.actor, "clients.read");
  const [settings, model] = await Promise.all([readSettings(ctx.db, "engagement"), modelFitId ? modelFitById(ctx.db, modelFitId) : latestModelFit(ctx.db)]);
  return {
    figures: clientFigures(orders, now, settings),
    scoreOverTime: scoreOverTime({ orders, until: now, settings, model: model?.engagement ?? null }),
  };
}
