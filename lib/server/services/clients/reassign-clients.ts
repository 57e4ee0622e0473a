import "server-only";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { parseClientListQuery } from "@/lib/domain/clients/list-query";
import { writeAudit } from "@/lib/server/audit";
import { authorize } from "@/lib/server/auth/permissions";
import type { VerbArgs } from "@/lib/server/context";
import { clientListWhere, listFilterOptions } from "@/lib/server/data/client-list-filters";
import { clients, clientScores, users } from "@/lib/server/db/schema";
import { ValidationError } from "@/lib/server/errors";
import { parseInput } from "@/lib/server/parse-input";

/** Most clients one "selected" reassignment takes: a page of checkboxes is 25. */
const MAX_SELECTED = 500;

export const reassignClientsSchema = z
  .object({
    to: z.uuid("Choose the stylist who takes them over"),
    /** The ticked clients, or every client the list's filters match. */
    scope: z.enum(["selected", "filtered"], "Choose which clients to move"),
    clientIds: z.array(z.uuid("Unknown client")).max(MAX_SELECTED, `Select at most ${MAX_SELECTED} clients`).default([]),
    /** The list's query string (its filters), for "filtered". */
    filters: z.string().max(2000).default(""),
  })
  .refine((v) => v.scope !== "selected" || v.clientIds.length > 0, { path: ["clientIds"], message: "Select at least one client" });

/**
 * Moves the ticked clients, or every client matching the list's filters, to one active stylist, with one audit row
 * saying which and how many. Marketers and admins only (clients.assign).
 */
export async function reassignClients({ ctx, input }: VerbArgs<typeof reassignClientsSchema>) {
  authorize(ctx.actor, "clients.assign");
  const { to, scope, clientIds, filters } = parseInput(reassignClientsSchema, input);
  const query = parseClientListQuery(new URLSearchParams(filters));
  const options = await listFilterOptions(ctx, query);
  return ctx.db.transaction(async (tx) => {
    const [target] = await tx.select({ id: users.id, name: users.name }).from(users).where(and(eq(users.id, to), eq(users.role, "stylist"), isNull(users.deactivatedAt)));
    if (!target) throw new ValidationError({ to: ["Choose an active stylist"] });
    const matching = tx
      .select({ id: clients.id })
      .from(clients)
      .innerJoin(clientScores, eq(clientScores.clientId, clients.id))
      .where(scope === "selected" ? inArray(clients.id, clientIds) : clientListWhere({ ...ctx, db: tx }, query, options));
    const moved = await tx
      .update(clients)
      .set({ stylistId: to, updatedAt: sql`now()` })
      .where(and(inArray(clients.id, matching), sql`${clients.stylistId} is distinct from ${to}::uuid`))
      .returning({ id: clients.id });
    await writeAudit(tx, ctx.actor, {
      action: "clients.reassign",
      entityType: "client",
      after: { stylistId: to, scope, count: moved.length, ...(scope === "filtered" ? { filters } : { clientIds: moved.map((m) => m.id) }) },
    });
    return { moved: moved.length, stylistName: target.name };
  });
}
