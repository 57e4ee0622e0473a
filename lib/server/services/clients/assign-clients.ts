import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { likePattern } from "@/lib/domain/clients/list-query";
import { writeAudit } from "@/lib/server/audit";
import { authorize } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";
import { clients, users } from "@/lib/server/db/schema";
import { ValidationError } from "@/lib/server/errors";
import { parseInput } from "@/lib/server/parse-input";

const assignSchema = z
  .object({
    from: z.union([z.uuid(), z.literal("unassigned")], "Choose whose clients to move"),
    to: z.uuid("Choose the stylist who takes them over"),
    search: z.string().trim().max(100).default(""),
  })
  .refine((v) => v.from !== v.to, { path: ["to"], message: "Choose a different stylist" });

/** Moves every client of one stylist (or every unassigned client), optionally only those matching a search, to another stylist. */
export async function assignClients({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  authorize(ctx.actor, "clients.assign");
  const { from, to, search } = parseInput(assignSchema, input);
  return ctx.db.transaction(async (tx) => {
    const [target] = await tx.select({ id: users.id, name: users.name }).from(users).where(and(eq(users.id, to), eq(users.role, "stylist"), isNull(users.deactivatedAt)));
    if (!target) throw new ValidationError({ to: ["Choose an active stylist"] });
    const moved = await tx
      .update(clients)
      .set({ stylistId: to })
      .where(
        and(
          from === "unassigned" ? isNull(clients.stylistId) : eq(clients.stylistId, from),
          search ? sql`lower(${clients.name} || ' ' || ${clients.email}) like ${likePattern(search)}` : undefined,
        ),
      )
      .returning({ id: clients.id });
    await writeAudit(tx, ctx.actor, { action: "clients.assign", entityType: "client", before: { stylistId: from === "unassigned" ? null : from, search }, after: { stylistId: to, count: moved.length } });
    return { moved: moved.length, stylistName: target.name };
  });
}
