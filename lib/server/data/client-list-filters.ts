import "server-only";
import { and, eq, gte, inArray, isNull, lte, or, type SQL, sql } from "drizzle-orm";
import { type ClientListQuery, type ClientTierFilter, filtersOnOutreach, likePattern } from "@/lib/domain/clients/list-query";
import { clientScopeWhere } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";
import { clients, clientScores } from "@/lib/server/db/schema";
import { readSettings } from "./settings";
import { scoredOnWhere } from "./scored-on";
import { startOfWeek } from "@/lib/domain/today/work-list";
import { handledSinceIds } from "./handled-since";
import { outreachWhere } from "./outreach-filter";

/** How long the "newly at risk" filter looks back. */
const NEWLY_AT_RISK_DAYS = 7;

function tiersWhere(tiers: readonly ClientTierFilter[]): SQL | undefined {
  if (tiers.length === 0) return undefined;
  const scored = tiers.filter((tier) => tier !== "unscored");
  const unscored = tiers.includes("unscored") ? isNull(clientScores.tier) : undefined;
  return or(scored.length ? inArray(clientScores.tier, scored) : undefined, unscored);
}

/**
 * Newly at risk: a tier change from healthy or watch into at risk or lapsed in the last NEWLY_AT_RISK_DAYS days (from
 * tier_changes, by its changed_at index), for a client still at risk or lapsed now, who was healthy or watch when the
 * days began: no earlier change in them left a slipping tier. A lapsed client whose order was entered and then
 * cancelled (lapsed, watch, lapsed within a minute) is no news.
 */
function newlyAtRiskWhere(now: Date): SQL {
  const since = new Date(now.getTime() - NEWLY_AT_RISK_DAYS * 86_400_000).toISOString();
  return sql`(${clientScores.tier} in ('at_risk', 'lapsed') and ${clients.id} in (
    select t.client_id from tier_changes t
    where t.changed_at >= ${since}::timestamptz and t.to_tier in ('at_risk', 'lapsed') and t.from_tier in ('healthy', 'watch')
      and not exists (select 1 from tier_changes e where e.client_id = t.client_id and e.changed_at >= ${since}::timestamptz
        and e.changed_at < t.changed_at and (e.from_tier is null or e.from_tier in ('at_risk', 'lapsed')))))`;
}

export type ClientListWhereOptions = {
  /** Overrides the query's tiers (a list sorted by score reads one tier at a time). */
  tiers?: readonly ClientTierFilter[];
  now?: Date;
  /** The win-back attribution window, needed by `won` (see listFilterOptions). */
  attributionDays?: number;
};

/** What clientListWhere needs beyond the query: the attribution window when the query asks for clients won back. */
export async function listFilterOptions(ctx: ServiceContext, query: ClientListQuery): Promise<ClientListWhereOptions> {
  return query.won ? { attributionDays: (await readSettings(ctx.db, "win_back")).attributionDays } : {};
}

/**
 * Every filter of the list as one WHERE clause, the actor's scope first. With `asOf`, the tier and score filters read
 * the snapshots of that day's full run instead of the live scores.
 */
export function clientListWhere(ctx: ServiceContext, query: ClientListQuery, options: ClientListWhereOptions = {}): SQL | undefined {
  const { tiers = query.tier, now = new Date() } = options;
  const percent = (v: number | undefined) => (v === undefined ? undefined : v / 100);
  const pMin = percent(query.pMin);
  const pMax = percent(query.pMax);
  const live = !query.asOf;
  return and(
    clientScopeWhere(ctx.actor),
    query.stylist === "unassigned" ? isNull(clients.stylistId) : query.stylist ? eq(clients.stylistId, query.stylist) : undefined,
    live ? tiersWhere(tiers) : undefined,
    query.asOf ? scoredOnWhere(query.asOf, query) : undefined,
    filtersOnOutreach(query) ? outreachWhere(query, options.attributionDays) : undefined,
    query.q ? sql`lower(${clients.name} || ' ' || ${clients.email}) like ${likePattern(query.q)}` : undefined,
    live && query.scoreMin !== undefined ? gte(clientScores.score, query.scoreMin) : undefined,
    live && query.scoreMax !== undefined ? lte(clientScores.score, query.scoreMax) : undefined,
    // Rounded to a whole percent, as the client's page and Today show it, so "at most 40%" keeps a client shown as 40%.
    pMin !== undefined ? sql`round(${clientScores.pOrder90d}::numeric, 2) >= ${pMin}` : undefined,
    pMax !== undefined ? sql`round(${clientScores.pOrder90d}::numeric, 2) <= ${pMax}` : undefined,
    query.overdue !== undefined
      ? sql`${clientScores.nextOrderExpectedAt} <= ${new Date(now.getTime() - query.overdue * 86_400_000).toISOString()}::timestamptz`
      : undefined,
    query.consent ? eq(clients.marketingConsent, query.consent === "yes") : undefined,
    query.newly ? newlyAtRiskWhere(now) : undefined,
    query.handled ? sql`${clients.id} in (${handledSinceIds(startOfWeek(now), undefined)})` : undefined,
  );
}
