import "server-only";
import { asc, eq } from "drizzle-orm";
import { authorize } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";
import { savedViews } from "@/lib/server/db/schema";

/** The signed-in user's saved list views, by name; none for a system actor. */
export async function listSavedViews(ctx: ServiceContext) {
  authorize(ctx.actor, "clients.read");
  if (ctx.actor.type !== "user") return [];
  return ctx.db
    .select({ id: savedViews.id, name: savedViews.name, query: savedViews.query })
    .from(savedViews)
    .where(eq(savedViews.userId, ctx.actor.id))
    .orderBy(asc(savedViews.name));
}
