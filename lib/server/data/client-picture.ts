import "server-only";
import { clientPicture, type EngagementOrder } from "@/lib/domain/engagement";
import { authorize } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";
import { latestModelFit, modelFitById } from "@/lib/server/engagement/model-fit";
import { readSettings } from "@/lib/server/data/settings";

/**
 * What the client page says about a client's engagement, from the orders the page already read (scoped to the
 * actor): one assessment as of now with the scoring a rescoring uses, the figures it quotes and the score as of each
 * past week. The model is the one behind the latest snapshot, else the latest fit.
 */
export async function getClientPicture(ctx: ServiceContext, orders: readonly EngagementOrder[], modelFitId: string | null, now = new Date()) {
  authorize(ctx.actor, "clients.read");
  const [settings, model] = await Promise.all([readSettings(ctx.db, "engagement"), modelFitId ? modelFitById(ctx.db, modelFitId) : latestModelFit(ctx.db)]);
  return clientPicture({ orders, asOf: now, settings, model: model?.engagement ?? null });
}
