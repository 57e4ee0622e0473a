import "server-only";
import { savedViewInputSchema } from "@/lib/domain/clients/saved-view";
import { writeAudit } from "@/lib/server/audit";
import { authorize, requireUser } from "@/lib/server/auth/permissions";
import type { VerbArgs } from "@/lib/server/context";
import { savedViews } from "@/lib/server/db/schema";
import { ConflictError } from "@/lib/server/errors";
import { parseInput } from "@/lib/server/parse-input";

export const saveViewSchema = savedViewInputSchema;

/** Stores the signed-in user's current list view under a name of their own (one name per user). */
export async function saveView({ ctx, input }: VerbArgs<typeof saveViewSchema>) {
  authorize(ctx.actor, "clients.read");
  const user = requireUser(ctx.actor);
  const { name, query } = parseInput(saveViewSchema, input);
  return ctx.db.transaction(async (tx) => {
    const [view] = await tx.insert(savedViews).values({ userId: user.id, name, query }).onConflictDoNothing().returning();
    if (!view) throw new ConflictError("You already have a view with that name", "name");
    await writeAudit(tx, ctx.actor, { action: "saved_view.create", entityType: "saved_view", entityId: view.id, after: { name, query } });
    return view;
  });
}
