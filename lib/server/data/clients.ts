import "server-only";
import { and, asc, desc, eq, type SQL, sql } from "drizzle-orm";
import {
  CLIENT_TIER_FILTERS,
  type ClientListQuery,
  type ClientSort,
  type ClientTierFilter,
  decodeCursor,
  encodeCursor,
  filtersOnScores,
  PAGE_SIZE,
} from "@/lib/domain/clients/list-query";
import type { BudgetBand } from "@/lib/domain/clients/client-input";
import { authorize, clientScopeWhere } from "@/lib/server/auth/permissions";
import { clientListWhere, type ClientListWhereOptions, listFilterOptions } from "./client-list-filters";
import type { ServiceContext } from "@/lib/server/context";
import { clientScores, clients, lastOrderSortKey, pAliveSortKey, scoreSortKey, users } from "@/lib/server/db/schema";
import { NotFoundError } from "@/lib/server/errors";
import { estimateRowCount } from "./estimate-count";

const SORT_KEYS: Record<ClientSort, SQL> = {
  name: sql`${clients.name}`,
  last_order: lastOrderSortKey(clients.lastOrderAt),
  orders: sql`${clients.orderCount}`,
  score: scoreSortKey(clientScores.score),
  p_alive: pAliveSortKey(clientScores.pAlive),
};

// Ties break on the id of the table whose index serves the sort, so the planner walks that index.
const TIEBREAK: Record<ClientSort, SQL> = {
  name: sql`${clients.id}`,
  last_order: sql`${clients.id}`,
  orders: sql`${clients.id}`,
  score: sql`${clientScores.clientId}`,
  p_alive: sql`${clientScores.clientId}`,
};

type CursorRow = { name: string; lastOrderAt: Date | null; orderCount: number; engagementScore: number | null; pAlive: number | null };

/** The row's value of the sort key, as the SQL expression computes it (unscored clients count as -1). */
function cursorValue(sort: ClientSort, row: CursorRow): string | number {
  if (sort === "name") return row.name;
  if (sort === "orders") return row.orderCount;
  if (sort === "score") return row.engagementScore ?? -1;
  if (sort === "p_alive") return row.pAlive ?? -1;
  return row.lastOrderAt ? row.lastOrderAt.toISOString() : "-infinity";
}

function cursorLiteral(sort: ClientSort, value: string | number): SQL {
  if (sort === "last_order") return sql`${String(value)}::timestamptz`;
  if (sort === "orders" || sort === "score") return sql`${Number(value)}::int`;
  // P(alive) is a 4-byte float; compared as one, the value read back matches the stored one exactly.
  if (sort === "p_alive") return sql`${Number(value)}::real`;
  return sql`${String(value)}`;
}

/**
 * One page of clients by keyset: `after`/`before` cursors instead of OFFSET, so page 40,000 costs what page 1 does.
 * The stylist scope is part of the WHERE clause, so a stylist never receives another stylist's rows.
 */
export async function listClients(ctx: ServiceContext, query: ClientListQuery) {
  authorize(ctx.actor, "clients.read");
  const backwards = Boolean(query.before) && !query.after;
  const cursor = decodeCursor(backwards ? query.before : query.after, query.sort);
  const ascending = (query.dir === "asc") !== backwards;
  const rows = await sortedRows(ctx, query, cursor, ascending, PAGE_SIZE + 1, await listFilterOptions(ctx, query));
  const hasMoreInDirection = rows.length > PAGE_SIZE;
  const page = rows.slice(0, PAGE_SIZE);
  if (backwards) page.reverse();
  const first = page[0];
  const last = page.at(-1);
  return {
    rows: page,
    // Going forward there is a previous page whenever we came from a cursor; going back, whenever more rows remain.
    previousCursor: first && (backwards ? hasMoreInDirection : Boolean(cursor)) ? encodeCursor({ value: cursorValue(query.sort, first), id: first.id }) : null,
    nextCursor: last && (backwards ? true : hasMoreInDirection) ? encodeCursor({ value: cursorValue(query.sort, last), id: last.id }) : null,
  };
}

type Cursor = ReturnType<typeof decodeCursor>;
type ClientRow = Awaited<ReturnType<typeof pageRows>>[number];

/** A client's identity and stylist, as every client read returns them (the stylist joined in). */
const WHO = { id: clients.id, name: clients.name, email: clients.email, stylistId: clients.stylistId, stylistName: users.name };

// Sorts served by the (tier, key, client) indexes: without a tier filter they take one page from each tier and merge.
const SORTS_BY_TIER_INDEX = new Set<ClientSort>(["score", "p_alive"]);

/** The next rows in the query's order after the cursor, one more than a page to tell whether more follow. */
async function pageRows(ctx: ServiceContext, query: ClientListQuery, cursor: Cursor, ascending: boolean, limit: number, options: ClientListWhereOptions) {
  const key = SORT_KEYS[query.sort];
  const tiebreak = TIEBREAK[query.sort];
  const compare = ascending ? sql`>` : sql`<`;
  const where = and(
    clientListWhere(ctx, query, options),
    cursor ? sql`(${key}, ${tiebreak}) ${compare} (${cursorLiteral(query.sort, cursor.value)}, ${cursor.id}::uuid)` : undefined,
  );
  const order = ascending ? [asc(key), asc(tiebreak)] : [desc(key), desc(tiebreak)];
  return ctx.db
    .select({
      ...WHO,
      lastOrderAt: clients.lastOrderAt,
      orderCount: clients.orderCount,
      engagementScore: clientScores.score,
      engagementTier: clientScores.tier,
      pAlive: clientScores.pAlive,
      pOrder90d: clientScores.pOrder90d,
    })
    .from(clients)
    .innerJoin(clientScores, eq(clientScores.clientId, clients.id))
    .leftJoin(users, eq(users.id, clients.stylistId))
    .where(where)
    .orderBy(...order)
    .limit(limit);
}

/**
 * The same rows as pageRows without a tier filter, read tier by tier: each walks its own stretch of the tier index,
 * and the next page overall is among the first rows of the tiers' next pages.
 */
async function pageAcrossTiers(ctx: ServiceContext, query: ClientListQuery, cursor: Cursor, ascending: boolean, limit: number, options: ClientListWhereOptions): Promise<ClientRow[]> {
  const tiers: readonly ClientTierFilter[] = query.tier.length ? query.tier : CLIENT_TIER_FILTERS;
  // Lowest score first, unscored clients (key -1) would lead the list, pages of "Not scored" before the lowest
  // scores: they follow every scored client instead, as they do highest first. So a walk forward reads the scored
  // tiers, then the unscored; a walk back, the other way round. (Not for P(alive): a scored client without a fitted
  // model has none either, so its -1 does not mark the unscored.)
  const unscoredLast = query.sort === "score" && query.dir === "asc";
  const cursorUnscored = cursor !== null && Number(cursor.value) === UNSCORED_KEY;
  const perTier = await Promise.all(
    tiers.map((tier) => {
      const tierOptions = { ...options, tiers: [tier] };
      const unscored = tier === "unscored";
      if (!unscoredLast || cursor === null || cursorUnscored === unscored) return pageRows(ctx, query, cursor, ascending, limit, tierOptions);
      // The cursor is in the other group: a group this walk reads before it is done with; one it reads after, from its start.
      const readFirst = ascending !== unscored;
      return readFirst ? [] : pageRows(ctx, query, null, ascending, limit, tierOptions);
    }),
  );
  const direction = ascending ? 1 : -1;
  const group = (row: ClientRow) => (unscoredLast && cursorValue(query.sort, row) === UNSCORED_KEY ? 1 : 0);
  const compare = (a: ClientRow, b: ClientRow) => {
    const byKey = group(a) - group(b) || Number(cursorValue(query.sort, a)) - Number(cursorValue(query.sort, b));
    return direction * (byKey !== 0 ? byKey : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  };
  return perTier.flat().sort(compare).slice(0, limit);
}

/** An unscored client's score as the sort key reads it (scoreSortKey). */
const UNSCORED_KEY = -1;

/**
 * The first `limit` rows after the cursor in the query's order, by the tier indexes where they serve the sort (not
 * with `asOf`: its tiers are the past run's, not the live ones those indexes hold).
 */
function sortedRows(ctx: ServiceContext, query: ClientListQuery, cursor: Cursor, ascending: boolean, limit: number, options: ClientListWhereOptions): Promise<ClientRow[]> {
  return SORTS_BY_TIER_INDEX.has(query.sort) && query.tier.length !== 1 && !query.asOf
    ? pageAcrossTiers(ctx, query, cursor, ascending, limit, options)
    : pageRows(ctx, query, cursor, ascending, limit, options);
}

/** Most rows one export holds; a larger list is exported a filter at a time. */
const EXPORT_LIMIT = 10_000;

/** The filtered list from its start, in its order, up to EXPORT_LIMIT rows (one more tells the caller it was cut). */
export async function listClientsForExport(ctx: ServiceContext, query: ClientListQuery) {
  authorize(ctx.actor, "clients.read");
  const rows = await sortedRows(ctx, query, null, query.dir === "asc", EXPORT_LIMIT + 1, await listFilterOptions(ctx, query));
  return { rows: rows.slice(0, EXPORT_LIMIT), truncated: rows.length > EXPORT_LIMIT };
}

/** How many clients match: exact when few, the planner's estimate when many (a count(*) over a million rows is not worth a page view). */
export async function countClients(ctx: ServiceContext, query: ClientListQuery) {
  authorize(ctx.actor, "clients.read");
  const base = ctx.db.select({ id: clients.id }).from(clients);
  // The scores table joins in only when a filter needs it, so the common count stays on clients alone.
  const counted = filtersOnScores(query) || query.newly ? base.innerJoin(clientScores, eq(clientScores.clientId, clients.id)) : base;
  return estimateRowCount(ctx.db, counted.where(clientListWhere(ctx, query, await listFilterOptions(ctx, query))).$dynamic());
}

/** A client as its page and edit form show it: the client's own details and its stylist's name. */
export type ClientDetail = {
  id: string;
  name: string;
  email: string;
  stylistId: string | null;
  stylistName: string | null;
  sizes: { top?: string; bottom?: string; dress?: string; shoe?: string };
  preferredStyles: string[];
  budgetBand: BudgetBand | null;
  notes: string;
  marketingConsent: boolean;
  timezone: string;
};

export async function getClientOrThrow(ctx: ServiceContext, clientId: string): Promise<ClientDetail> {
  authorize(ctx.actor, "clients.read");
  const [row] = await ctx.db
    .select({
      ...WHO,
      sizes: clients.sizes,
      preferredStyles: clients.preferredStyles,
      budgetBand: clients.budgetBand,
      notes: clients.notes,
      marketingConsent: clients.marketingConsent,
      timezone: clients.timezone,
    })
    .from(clients)
    .leftJoin(users, eq(users.id, clients.stylistId))
    .where(and(sql`${clients.id} = ${clientId}::uuid`, clientScopeWhere(ctx.actor)))
    .limit(1);
  if (!row) throw new NotFoundError("Client");
  return row;
}
