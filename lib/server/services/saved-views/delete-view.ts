import "server-only";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { writeAudit } from "@/lib/server/audit";
import { authorize, requireUser } from "@/lib/server/auth/permissions";
import type { VerbArgs } from "@/lib/server/context";
import { savedViews } from "@/lib/server/db/schema";
import { NotFoundError } from "@/lib/server/errors";
import { parseInput } from "@/lib/server/parse-input";

export const deleteViewSchema = z.object({ viewId: z.uuid("Unknown view") });

/** Deletes one of the signed-in user's saved views; another user's view is not found. */
export async function deleteView({ ctx, input }: VerbArgs<typeof deleteViewSchema>) {
  authorize(ctx.actor, "clients.read");
  const user = requireUser(ctx.actor);
  const { viewId } = parseInput(deleteViewSchema, input);
  return ctx.db.transaction(async (tx) => {
    const [view] = await tx.delete(savedViews).where(and(eq(savedViews.id, viewId), eq(savedViews.userId, user.id))).returning();
    if (!view) throw new NotFoundError("Saved view");
    await writeAudit(tx, ctx.actor, { action: "saved_view.delete", entityType: "saved_view", entityId: view.id, before: { name: view.name, query: view.query } });
    return view;
  });
}
