// The overview's headline numbers, from the per-day, per-stylist tier counts each full scoring run stores.
import { calendarDay } from "@/lib/domain/validation";
import { clientListHref, type ClientListQuery } from "@/lib/domain/clients/list-query";

export const DASHBOARD_TIERS = ["healthy", "watch", "at_risk", "lapsed"] as const;
export type DashboardTier = (typeof DASHBOARD_TIERS)[number];

interface TierCountRow {
  tier: string;
  clients: number;
  scoreSum: number;
  scoreBands: readonly number[];
  /** Sum of the tier's clients' value at risk, in cents (see valueAtRiskCents); absent in rows from before it was kept. */
  valueAtRiskCents?: number;
}

/** The tiers whose clients are likely to lapse: revenue at risk is their value at risk. */
export const LIKELY_TO_LAPSE = ["at_risk", "lapsed"] as const satisfies readonly DashboardTier[];

export interface TierSummary {
  clients: number;
  /** Everyone not lapsed. */
  active: number;
  byTier: Record<DashboardTier, number>;
  /** Mean score, or null with no scored clients. */
  averageScore: number | null;
  /** Clients per ten-point score band, 0–9 up to 90–100. */
  scoreBands: number[];
  /**
   * Revenue at risk, in cents: over the clients likely to lapse (at risk or lapsed), the sum of the chance they do not
   * order in the next 90 days times their average kept value per order.
   */
  revenueAtRiskCents: number;
}

const isTier = (tier: string): tier is DashboardTier => (DASHBOARD_TIERS as readonly string[]).includes(tier);

/** Adds up one day's rows (any number of stylists) into the overview's figures. */
export function summariseTierCounts(rows: readonly TierCountRow[], bands = 10): TierSummary {
  const byTier: Record<DashboardTier, number> = { healthy: 0, watch: 0, at_risk: 0, lapsed: 0 };
  const scoreBands = Array.from({ length: bands }, () => 0);
  let clients = 0;
  let scoreSum = 0;
  let revenueAtRiskCents = 0;
  const likelyToLapse: readonly string[] = LIKELY_TO_LAPSE;
  for (const row of rows) {
    if (!isTier(row.tier)) continue;
    if (likelyToLapse.includes(row.tier)) revenueAtRiskCents += row.valueAtRiskCents ?? 0;
    byTier[row.tier] += row.clients;
    clients += row.clients;
    scoreSum += row.scoreSum;
    row.scoreBands.forEach((n, i) => {
      if (i < bands) scoreBands[i] = (scoreBands[i] ?? 0) + n;
    });
  }
  return { clients, active: clients - byTier.lapsed, byTier, averageScore: clients > 0 ? scoreSum / clients : null, scoreBands, revenueAtRiskCents };
}

/** Per tier, how many more (or fewer) clients than at the comparison day; null when there is nothing to compare with. */
export function tierChanges(current: TierSummary, previous: TierSummary | null): Record<DashboardTier, number> | null {
  if (!previous) return null;
  return Object.fromEntries(DASHBOARD_TIERS.map((tier) => [tier, current.byTier[tier] - previous.byTier[tier]])) as Record<DashboardTier, number>;
}

const DAY_MS = 86_400_000;
const DEFAULT_RANGE_DAYS = 90;
const MAX_RANGE_DAYS = 731;
/** "2026-12-06": a moment's UTC calendar day, as the ranges hold their days. */
export const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const day = calendarDay();

export type DashboardRange = { from: string; to: string };
type RangeParams = Record<string, string | string[] | undefined>;

/** The URL's `key` as a calendar day (the first, when repeated), or null when missing or not a day. */
function dayParam(params: RangeParams, key: string): string | null {
  const value = params[key];
  const parsed = day.safeParse(Array.isArray(value) ? value[0] : value);
  return parsed.success ? parsed.data : null;
}

/** The date range from the URL (?from=&to=, inclusive days); anything missing, malformed, reversed or too long falls back to the last 90 days up to `to`. */
export function parseDashboardRange(params: RangeParams, today: Date): DashboardRange {
  const to = dayParam(params, "to") ?? isoDay(today);
  const toMs = Date.parse(`${to}T00:00:00Z`);
  const fallbackFrom = isoDay(new Date(toMs - (DEFAULT_RANGE_DAYS - 1) * DAY_MS));
  const from = dayParam(params, "from");
  if (!from) return { from: fallbackFrom, to };
  const span = (toMs - Date.parse(`${from}T00:00:00Z`)) / DAY_MS;
  return span < 0 || span > MAX_RANGE_DAYS ? { from: fallbackFrom, to } : { from, to };
}

/**
 * What the page should say when it did not show the range asked for (see parseDashboardRange), or null: a From after
 * the To, or a range longer than MAX_RANGE_DAYS, falls back to the 90 days up to To, which would otherwise pass unsaid.
 */
export function dashboardRangeNotice(params: RangeParams, shown: DashboardRange, dayText = (day: string) => day): string | null {
  const from = dayParam(params, "from");
  if (!from || from === shown.from) return null;
  if (from > shown.to) return `From was after To, so this shows the ${DEFAULT_RANGE_DAYS} days up to ${dayText(shown.to)}.`;
  return `A range can be at most ${MAX_RANGE_DAYS} days, so this shows the ${DEFAULT_RANGE_DAYS} days up to ${dayText(shown.to)}.`;
}

/** The day a week before `day`, for "change since last week". */
export function weekBefore(dayText: string): string {
  return isoDay(new Date(Date.parse(`${dayText}T00:00:00Z`) - 7 * DAY_MS));
}

/** At most this many linked points per tier on the tiers-over-time chart, so a year of nightly runs is not 1,460 tab stops. */
const MAX_LINKED_POINTS = 26;

/** The chart points that get a dot and a link: all of them while few, else evenly spaced ones ending with the latest. */
export function linkedPoints<T>(points: readonly T[], max = MAX_LINKED_POINTS): T[] {
  if (points.length <= max) return [...points];
  const step = Math.ceil(points.length / max);
  return points.filter((_, i) => (points.length - 1 - i) % step === 0);
}

/** A week (its Monday, YYYY-MM-DD) cut to the range: the days a week's figure counts, for its link. */
export function weekDaysInRange(week: string, range: DashboardRange): { from: string; to: string } {
  const weekEnd = isoDay(new Date(Date.parse(`${week}T00:00:00Z`) + 6 * DAY_MS));
  return { from: week < range.from ? range.from : week, to: weekEnd > range.to ? range.to : weekEnd };
}

/**
 * Every week (Monday, YYYY-MM-DD) from the first given week to the last, each given one as it is and the others made
 * by `empty`: a chart whose weeks with nothing in them went missing would put unequal gaps of time side by side.
 */
export function everyWeekBetween<W extends { week: string }>(weeks: readonly W[], empty: (week: string) => W): W[] {
  const first = weeks[0];
  const last = weeks.at(-1);
  if (!first || !last) return [];
  const given = new Map(weeks.map((w) => [w.week, w]));
  const filled: W[] = [];
  for (let t = Date.parse(`${first.week}T00:00:00Z`); t <= Date.parse(`${last.week}T00:00:00Z`); t += 7 * DAY_MS) {
    const week = isoDay(new Date(t));
    filled.push(given.get(week) ?? empty(week));
  }
  return filled;
}

/**
 * The clients list behind a count shown for `day`: the live list when `day` is the latest day with counts (those move
 * with every rescoring and override), else the clients as the full run of that day scored them (`asOf`).
 */
export function countedClientsHref(day: string, latestDay: string | null, changes: Partial<Record<keyof ClientListQuery, string | undefined>>): string {
  return clientListHref({}, { ...(day === latestDay ? {} : { asOf: day }), ...changes });
}
