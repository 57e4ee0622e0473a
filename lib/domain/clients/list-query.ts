import { z } from "zod";
import { ENGAGEMENT_TIERS } from "@/lib/domain/engagement/tiers";
import { optionalDayParam } from "@/lib/domain/validation";

export const CLIENT_SORTS = ["name", "last_order", "orders", "score", "p_alive"] as const;
export type ClientSort = (typeof CLIENT_SORTS)[number];
export const PAGE_SIZE = 25;
/** An engagement tier, or clients not scored yet. */
export const CLIENT_TIER_FILTERS = [...ENGAGEMENT_TIERS, "unscored"] as const;
export type ClientTierFilter = (typeof CLIENT_TIER_FILTERS)[number];

/** One or more tiers, as `tier=at_risk,lapsed` or repeated `tier=` fields (checkboxes); unknown names are dropped. */
const tierList = z
  .string()
  .max(200)
  .transform((text) => {
    const wanted = new Set(text.split(","));
    return CLIENT_TIER_FILTERS.filter((tier) => wanted.has(tier));
  })
  .catch([])
  .default([]);

const percent = z.coerce.number().int().min(0).max(100).optional().catch(undefined);
const emptyAsUndefined = (v: unknown) => (v === "" ? undefined : v);
/** A 0–100 bound; blank or out of range means no bound. */
const bound = z.preprocess(emptyAsUndefined, percent);

/** Win-back outreach groups: clients assigned an email (whether or not it went out) or held out. */
const OUTREACH_GROUPS = ["emailed", "holdout"] as const;

const DEFAULT_DIRECTION: Record<ClientSort, "asc" | "desc"> = { name: "asc", last_order: "desc", orders: "desc", score: "desc", p_alive: "desc" };

/** The clients list's state, read from the URL so any view can be shared. Bad values fall back to defaults. */
export const clientListQuerySchema = z
  .object({
    // NUL is dropped: no text the database compares with can hold it.
    q: z.string().transform((q) => q.replaceAll("\u0000", "").trim()).pipe(z.string().max(100)).catch("").default(""),
    stylist: z.union([z.uuid(), z.literal("unassigned")]).optional().catch(undefined),
    tier: tierList,
    /** Score range, inclusive. */
    scoreMin: bound,
    scoreMax: bound,
    /** Chance of an order in the next 90 days, in percent, inclusive. */
    pMin: bound,
    pMax: bound,
    /** At least this many days past the client's own expected next order (next_order_expected_at). */
    overdue: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(3650).optional().catch(undefined)),
    consent: z.enum(["yes", "no"]).optional().catch(undefined),
    /** Newly at risk: moved from healthy or watch into at risk or lapsed in the last 7 days, and still there. */
    newly: z.literal("1").optional().catch(undefined),
    /**
     * Tier and score as the full scoring run on this day scored them (its snapshots), not as now: what the overview's
     * counts for that day count.
     */
    asOf: optionalDayParam,
    /** Win-back outreach: clients whose first assignment (an email, or held out) was made between `from` and `to` (inclusive days). */
    outreach: z.enum(OUTREACH_GROUPS).optional().catch(undefined),
    /** Among that outreach, those won back: an order within the attribution window after the assignment. */
    won: z.literal("1").optional().catch(undefined),
    from: optionalDayParam,
    to: optionalDayParam,
    /** Handled this week, as Today counts them: snoozed, contacted or ordering since their slip, or climbed out of it. */
    handled: z.literal("week").optional().catch(undefined),
    sort: z.enum(CLIENT_SORTS).catch("name").default("name"),
    dir: z.enum(["asc", "desc"]).optional().catch(undefined),
    after: z.string().max(500).optional().catch(undefined),
    before: z.string().max(500).optional().catch(undefined),
  })
  .transform((q) => ({ ...q, dir: q.dir ?? DEFAULT_DIRECTION[q.sort] }));

export type ClientListQuery = z.output<typeof clientListQuerySchema>;

/**
 * Whether the query asks for unscored clients and also bounds a figure only a score gives (score, chance of an order,
 * days overdue): such bounds leave every unscored client out, which an empty list should say.
 */
export function boundsLeaveOutUnscored(query: Pick<ClientListQuery, "tier" | "scoreMin" | "scoreMax" | "pMin" | "pMax" | "overdue">): boolean {
  const bounded = [query.scoreMin, query.scoreMax, query.pMin, query.pMax, query.overdue].some((bound) => bound !== undefined);
  return bounded && query.tier.includes("unscored");
}

/** The list's filters, as link parameters: everything but the sort and the page position. */
const CLIENT_FILTER_KEYS = ["q", "stylist", "tier", "scoreMin", "scoreMax", "pMin", "pMax", "overdue", "consent", "newly", "asOf", "outreach", "won", "from", "to", "handled"] as const;
type FilterKey = (typeof CLIENT_FILTER_KEYS)[number];

/** Repeated parameters (tier checkboxes) are joined with commas; others take their first value. */
export function parseClientListQuery(params: Record<string, string | string[] | undefined> | URLSearchParams): ClientListQuery {
  const entries: [string, string | string[] | undefined][] =
    params instanceof URLSearchParams ? [...new Set(params.keys())].map((k) => [k, params.getAll(k)]) : Object.entries(params);
  const flat = Object.fromEntries(entries.map(([k, v]) => [k, Array.isArray(v) ? (k === "tier" ? v.join(",") : v[0]) : v]));
  return clientListQuerySchema.parse(flat);
}

/** Whether any filter narrows the list. */
export function isFiltered(query: ClientListQuery): boolean {
  return CLIENT_FILTER_KEYS.some((key) => (key === "tier" ? query.tier.length > 0 : query[key] !== undefined && query[key] !== ""));
}

/** Whether the list is narrowed to win-back outreach (a group, won back, or an assignment date range). */
export function filtersOnOutreach(query: Pick<ClientListQuery, "outreach" | "won" | "from" | "to">): boolean {
  return [query.outreach, query.won, query.from, query.to].some((v) => v !== undefined);
}

/** Whether the list needs each client's score row to filter (tiers, score, chance, overdue). */
export function filtersOnScores(query: ClientListQuery): boolean {
  return query.tier.length > 0 || [query.scoreMin, query.scoreMax, query.pMin, query.pMax, query.overdue].some((v) => v !== undefined);
}

/** The filters as URL parameters (tiers comma-joined), without defaults. */
export function filterParams(query: Partial<ClientListQuery>): Partial<Record<FilterKey, string>> {
  const out: Partial<Record<FilterKey, string>> = {};
  for (const key of CLIENT_FILTER_KEYS) {
    const value = query[key];
    const text = Array.isArray(value) ? value.join(",") : value === undefined ? "" : String(value);
    if (text) out[key] = text;
  }
  return out;
}

/** A position in a sorted list: the sort value and the id that breaks ties. */
type Cursor = { value: string | number; id: string };

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.value, cursor.id])).toString("base64url");
}

const INT4_MAX = 2_147_483_647;

/**
 * What a cursor's value must be for each sort, as the SQL compares it: a hand-made cursor (a word for a
 * count, a bad date, 1e20) would otherwise reach Postgres as a cast it cannot make.
 */
const CURSOR_VALUES: Record<ClientSort, z.ZodType<string | number>> = {
  name: z.string().max(300).regex(/^[^\0]*$/),
  last_order: z.union([z.literal("-infinity"), z.iso.datetime({ offset: true })]),
  orders: z.number().int().min(0).max(INT4_MAX),
  score: z.number().int().min(-1).max(100),
  p_alive: z.number().min(-1).max(1),
};

/** The cursor for this sort, or null (the first page) when it is not one this list could have made. */
export function decodeCursor(text: string | undefined, sort: ClientSort): Cursor | null {
  if (!text) return null;
  try {
    const parsed = z.tuple([CURSOR_VALUES[sort], z.uuid()]).safeParse(JSON.parse(Buffer.from(text, "base64url").toString("utf8")));
    return parsed.success ? { value: parsed.data[0], id: parsed.data[1] } : null;
  } catch {
    return null;
  }
}

/** Builds a list URL's query string from a query, dropping defaults so links stay short. */
export function clientListHref(query: Partial<ClientListQuery>, changes: Partial<Record<keyof ClientListQuery, string | undefined>>): string {
  const merged: Record<string, string | undefined> = { ...filterParams(query), sort: query.sort, dir: query.dir, ...changes };
  const params = new URLSearchParams();
  const sort = (merged.sort ?? "name") as ClientSort;
  for (const [key, value] of Object.entries(merged)) {
    if (!value) continue;
    if (key === "sort" && value === "name") continue;
    if (key === "dir" && value === DEFAULT_DIRECTION[sort]) continue;
    params.set(key, value);
  }
  const text = params.toString();
  return text ? `/clients?${text}` : "/clients";
}

/** A view's filters and sort as a query string (no page position), as saved views store it. */
export function listQueryString(query: Partial<ClientListQuery>): string {
  return clientListHref(query, {}).replace(/^\/clients\??/, "");
}

/** Escapes LIKE wildcards so a search for "50%" finds the text "50%". */
export function likePattern(search: string): string {
  return `%${search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
