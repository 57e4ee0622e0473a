import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { ServiceContext } from "@/lib/server/context";
import { users } from "@/lib/server/db/schema";

/** Active stylists, for pickers and filters. Names only: any signed-in user may see who the stylists are. */
export async function listStylists(ctx: ServiceContext) {
  return ctx.db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.role, "stylist"), isNull(users.deactivatedAt)))
    .orderBy(asc(users.name));
}
