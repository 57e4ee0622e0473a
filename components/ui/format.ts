import { calendarDaysBetween, formatTime } from "@/lib/domain/time/format";

const numberFormat = new Intl.NumberFormat("en-US");

/** "Dec 6, 2026": the calendar day in `zone` (the viewer's, or a client's); see lib/domain/time/format.ts. */
export function formatDate(date: Date | null | undefined, zone: string): string {
  return formatTime(date, zone, "date");
}

/** "Nov 3, 2026" for a calendar day as stored (YYYY-MM-DD: a run's day, a range's ends), whatever the viewer's zone. */
export function formatDay(day: string): string {
  return formatTime(new Date(`${day}T12:00:00Z`), "UTC");
}

export function formatMoney(cents: number, currency = "USD"): string {
  return new Intl.NumberFormat("en-US", { style: "currency", currency }).format(cents / 100);
}

/** Whole dollars ("$70,890"), for headline figures. */
export function formatWholeMoney(cents: number, currency = "USD"): string {
  return new Intl.NumberFormat("en-US", { style: "currency", currency, maximumFractionDigits: 0 }).format(cents / 100);
}

export function formatNumber(n: number): string {
  return numberFormat.format(n);
}

/** "3 days ago", "5 months ago": how long since a date, for lists. */
/**
 * "Today", "Yesterday", "12 days ago": calendar days in `zone` (the viewer's, or the client's), so an order placed
 * late yesterday is "Yesterday" the next morning, not "Today" until 24 hours have passed.
 */
export function formatAgo(date: Date | null | undefined, now = new Date(), zone = "UTC"): string {
  if (!date) return "Never";
  const days = calendarDaysBetween(date, now, zone);
  if (days < 1) return "Today";
  if (days < 2) return "Yesterday";
  if (days < 60) return `${days} days ago`;
  const months = Math.round(days / 30.4);
  if (months < 24) return `${months} months ago`;
  return `${Math.round(days / 365)} years ago`;
}

