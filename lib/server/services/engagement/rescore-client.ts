import "server-only";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { authorize, clientScopeWhere } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";
import { clients } from "@/lib/server/db/schema";
import { NotFoundError } from "@/lib/server/errors";
import { parseInput } from "@/lib/server/parse-input";
import { asOfSchema } from "@/lib/server/engagement/as-of";
import { scoreWithLatestModel } from "@/lib/server/engagement/score-clients";

const rescoreClientSchema = z.object({ clientId: z.uuid("Unknown client"), asOf: asOfSchema });

/**
 * Recomputes one client's engagement as of `asOf` (default now) with the latest stored model fit, or without
 * P(alive) until a full run has fitted one: fitting here would make saving an order wait on every client's history.
 * No audit row: it changes no facts, only what follows from them, and the change that caused it is audited.
 */
export async function rescoreClient({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  authorize(ctx.actor, "clients.update");
  const { clientId, asOf } = parseInput(rescoreClientSchema, input);
  return ctx.db.transaction(async (tx) => {
    const [client] = await tx
      .select({ id: clients.id })
      .from(clients)
      .where(and(eq(clients.id, clientId), clientScopeWhere(ctx.actor)))
      .limit(1);
    if (!client) throw new NotFoundError("Client");
    const result = await scoreWithLatestModel(tx, { ids: [client.id] }, asOf);
    const assessment = result.assessments.get(client.id);
    if (!assessment) throw new NotFoundError("Client");
    return assessment;
  });
}
