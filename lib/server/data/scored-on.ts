import "server-only";
import { and, type SQL, sql } from "drizzle-orm";
import type { ClientListQuery } from "@/lib/domain/clients/list-query";
import { ENGAGEMENT_TIERS } from "@/lib/domain/engagement/tiers";
import { clients } from "@/lib/server/db/schema";

/**
 * The full run a past day's tier counts (tier_counts_daily) start from: the last succeeded run scored as of that UTC
 * day or before it (a later run the same day replaces the day's counts; a day copied forward by a rescoring or an
 * override starts from the run before it). Changes by single rescorings or overrides after that run are not in its
 * snapshots, so such a day's list can differ from its count by those clients.
 */
function runOfDay(day: string): SQL {
  return sql`(select r.id from scoring_runs r
    where r.status = 'succeeded' and r.as_of < ((${day}::date + 1) at time zone 'UTC')
    order by r.as_of desc, r.finished_at desc nulls last limit 1)`;
}

/**
 * Clients as the run of `day` scored them (its snapshots), in the query's tiers and score range: exactly the clients
 * that day's counts count. A run scores no one "unscored", so that tier matches nobody here.
 */
export function scoredOnWhere(day: string, query: Pick<ClientListQuery, "tier" | "scoreMin" | "scoreMax">): SQL {
  const tiers = ENGAGEMENT_TIERS.filter((tier) => query.tier.includes(tier));
  const tierCondition =
    query.tier.length === 0 ? undefined : tiers.length ? sql`s.tier in (${sql.join(tiers.map((tier) => sql`${tier}::engagement_tier`), sql`, `)})` : sql`false`;
  const conditions = and(
    sql`s.run_id = ${runOfDay(day)}`,
    tierCondition,
    query.scoreMin !== undefined ? sql`s.score >= ${query.scoreMin}` : undefined,
    query.scoreMax !== undefined ? sql`s.score <= ${query.scoreMax}` : undefined,
  );
  return sql`${clients.id} in (select s.client_id from engagement_snapshots s where ${conditions})`;
}
