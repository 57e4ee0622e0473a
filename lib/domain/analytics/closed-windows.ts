import { DAY_MS } from "@/lib/domain/engagement/history";
import { type DashboardRange, isoDay } from "./tier-summary";

/**
 * The part of `range` (UTC days) in which every assignment's attribution window has closed by `now`: assignments up to
 * the day `attributionDays + 1` days before now. Only those are measured: a client whose window is still open has
 * not had the whole window to come back, so counting them as "not won back" would pull the rates down. Null when no
 * day of the range has closed yet.
 */
export function closedWindowsRange(range: DashboardRange, attributionDays: number, now: Date): DashboardRange | null {
  const lastClosedDay = isoDay(new Date(now.getTime() - (attributionDays + 1) * DAY_MS));
  const to = range.to < lastClosedDay ? range.to : lastClosedDay;
  return to < range.from ? null : { from: range.from, to };
}
