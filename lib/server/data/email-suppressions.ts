import "server-only";
import { desc, sql } from "drizzle-orm";
import { authorize } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";
import { emailSuppressions } from "@/lib/server/db/schema";

export const SUPPRESSIONS_SHOWN = 500;

/**
 * The suppression list (addresses never emailed again), newest first, with its size: the account's list, so for
 * people with analytics only, as the overview's figure is.
 */
export async function listSuppressions(ctx: ServiceContext) {
  authorize(ctx.actor, "analytics.view");
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({ address: emailSuppressions.address, reason: emailSuppressions.reason, createdAt: emailSuppressions.createdAt })
      .from(emailSuppressions)
      .orderBy(desc(emailSuppressions.createdAt), desc(emailSuppressions.address))
      .limit(SUPPRESSIONS_SHOWN),
    ctx.db.select({ n: sql<number>`count(*)::int` }).from(emailSuppressions),
  ]);
  return { rows, total: total?.n ?? 0 };
}
