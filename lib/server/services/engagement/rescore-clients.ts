import "server-only";
import { and, inArray } from "drizzle-orm";
import { z } from "zod";
import { authorize, clientScopeWhere } from "@/lib/server/auth/permissions";
import type { VerbArgs } from "@/lib/server/context";
import { clients } from "@/lib/server/db/schema";
import { asOfSchema } from "@/lib/server/engagement/as-of";
import { scoreWithLatestModel } from "@/lib/server/engagement/score-clients";
import { parseInput } from "@/lib/server/parse-input";
import { discardEmailsWithoutOrders } from "@/lib/server/services/emails/discard-emails-without-orders";

const MAX_CLIENTS_PER_RESCORE = 5_000;
export const rescoreClientsSchema = z.object({ clientIds: z.array(z.uuid("Unknown client")).max(MAX_CLIENTS_PER_RESCORE), asOf: asOfSchema });

/**
 * The set-based twin for a batch (an import, a webhook delivery, the orders-changed events): one aggregation for all;
 * clients out of scope are skipped. Emails on their way to clients left without orders are discarded after it.
 */
export async function rescoreClients({ ctx, input }: VerbArgs<typeof rescoreClientsSchema>): Promise<number> {
  authorize(ctx.actor, "clients.update");
  const { clientIds, asOf } = parseInput(rescoreClientsSchema, input);
  if (clientIds.length === 0) return 0;
  const { ids, scored } = await ctx.db.transaction(async (tx) => {
    const visible = await tx
      .select({ id: clients.id })
      .from(clients)
      .where(and(inArray(clients.id, clientIds), clientScopeWhere(ctx.actor)));
    if (visible.length === 0) return { ids: [], scored: 0 };
    const ids = visible.map((c) => c.id);
    return { ids, scored: (await scoreWithLatestModel(tx, { ids }, asOf)).clients };
  });
  // A client whose orders were all cancelled keeps no score, and no win-back email on its way. Its own short
  // transaction, after the scores: it locks emails, which sends and approvals lock too.
  await discardEmailsWithoutOrders({ ctx, input: { clientIds: ids } });
  return scored;
}
