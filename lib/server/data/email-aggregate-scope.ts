import "server-only";
import { type SQL, sql } from "drizzle-orm";
import type { DashboardRange } from "@/lib/domain/analytics/tier-summary";
import type { Actor } from "@/lib/domain/access/policy";
import { clientScope } from "@/lib/server/auth/permissions";

/**
 * The rows of `alias` the actor may count: the email aggregates and the outreach assignments carry the client's
 * stylist (kept by triggers as clients move), so a stylist's scope is a condition on that column alone.
 */
export function inActorScope(actor: Actor): (alias: SQL) => SQL {
  const scope = clientScope(actor);
  return (alias) => (scope.kind === "stylist" ? sql`${alias}.stylist_id = ${scope.stylistId}` : sql`true`);
}

/** The range's end day, exclusive. */
export const endOf = (range: DashboardRange) => sql`(${range.to}::date + 1)`;
