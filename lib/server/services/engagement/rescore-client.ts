import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { authorize, clientScopeWhere } from "@/lib/server/auth/permissions";
import type { VerbArgs } from "@/lib/server/context";
import type { Executor } from "@/lib/server/db/client";
import { clients } from "@/lib/server/db/schema";
import { NotFoundError } from "@/lib/server/errors";
import { parseInput } from "@/lib/server/services/parse";
import { readSettings } from "@/lib/server/services/settings/settings-store";
import { asOfSchema } from "./as-of";
import type { ClientSelection } from "./client-selection";
import { latestModelFit } from "./model-fit";
import { scoreClients } from "./score-clients";

export const rescoreClientSchema = z.object({ clientId: z.uuid("Unknown client"), asOf: asOfSchema });
export const MAX_CLIENTS_PER_RESCORE = 5_000;
export const rescoreClientsSchema = z.object({ clientIds: z.array(z.uuid("Unknown client")).max(MAX_CLIENTS_PER_RESCORE), asOf: asOfSchema });

/**
 * Recomputes one client's engagement as of `asOf` (default now) with the latest stored model fit, or without
 * P(alive) until a full run has fitted one: fitting here would make saving an order wait on every client's history.
 * No audit row: it changes no facts, only what follows from them, and the change that caused it is audited.
 */
export async function rescoreClient({ ctx, input }: VerbArgs<typeof rescoreClientSchema>) {
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

/** The set-based twin for a batch (an import, a webhook delivery): one aggregation for all; clients out of scope are skipped. */
export async function rescoreClients({ ctx, input }: VerbArgs<typeof rescoreClientsSchema>): Promise<number> {
  authorize(ctx.actor, "clients.update");
  const { clientIds, asOf } = parseInput(rescoreClientsSchema, input);
  if (clientIds.length === 0) return 0;
  return ctx.db.transaction(async (tx) => {
    const visible = await tx
      .select({ id: clients.id })
      .from(clients)
      .where(and(inArray(clients.id, clientIds), clientScopeWhere(ctx.actor)));
    if (visible.length === 0) return 0;
    return (await scoreWithLatestModel(tx, { ids: visible.map((c) => c.id) }, asOf)).clients;
  });
}

async function scoreWithLatestModel(tx: Executor, selection: ClientSelection, asOf: Date | undefined) {
  const settings = await readSettings(tx, "engagement");
  const model = await latestModelFit(tx);
  return scoreClients(tx, selection, { asOf: asOf ?? new Date(), settings, model });
}
