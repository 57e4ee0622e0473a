import "server-only";
import { sql } from "drizzle-orm";
import { authorize } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";

/**
 * The nightly rebuild of the overview's email aggregates (email_stats_daily, email_activity_daily) from the emails and
 * their events, in one statement (one SQL function, so atomic): the triggers keep them between nights, and this puts
 * right what no trigger sees (a client deleted together with their emails). No audit row: it changes no record, only a cache of counts.
 */
export async function rebuildEmailStats({ ctx }: { ctx: ServiceContext }): Promise<void> {
  authorize(ctx.actor, "settings.manage");
  await ctx.db.execute(sql`select rebuild_email_stats()`);
}
