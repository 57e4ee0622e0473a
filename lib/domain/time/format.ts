// Dates and times as people read them, in a named timezone: the one formatter every page uses.

/** The zone a page falls back to when it does not know the viewer's, always named on screen. */
export const FALLBACK_TIME_ZONE = "UTC";

/** A client's own timezone, or the fallback when it is missing or the runtime does not know it. */
export function clientTimeZone(client: { timezone: string } | undefined): string {
  return knownTimeZone(client?.timezone) ?? FALLBACK_TIME_ZONE;
}

/** The zone if the runtime knows it ("Europe/Berlin"), else null: a cookie or a stored value is never trusted as is. */
export function knownTimeZone(zone: string | null | undefined): string | null {
  if (!zone || zone.length > 64) return null;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export type TimeStyle = "date" | "datetime" | "datetime-seconds";

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string, style: TimeStyle | "zone" | "day" | "wall"): Intl.DateTimeFormat {
  const key = `${zone}|${style}`;
  let f = formatters.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      style === "date"
        ? { dateStyle: "medium" }
        : style === "datetime"
          ? { dateStyle: "medium", timeStyle: "short" }
          : style === "datetime-seconds"
            ? { dateStyle: "medium", timeStyle: "medium" }
            : style === "zone"
              ? { timeZoneName: "short" }
              : style === "wall"
                ? { year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric", hourCycle: "h23" }
                : { year: "numeric", month: "2-digit", day: "2-digit" };
    f = new Intl.DateTimeFormat(style === "day" ? "en-CA" : "en-US", { ...options, timeZone: zone });
    formatters.set(key, f);
  }
  return f;
}

/** "GMT+1", "EST", "UTC": the zone's short name at that moment (it changes with daylight saving). */
export function zoneName(date: Date, zone: string): string {
  return formatter(zone, "zone").formatToParts(date).find((p) => p.type === "timeZoneName")?.value ?? zone;
}

/**
 * "Dec 6, 2026" for a date; "Dec 6, 2026, 5:30 PM GMT+1" for a moment, whose zone is always named so a
 * time shown in the fallback zone says so. A missing date is a dash.
 */
export function formatTime(date: Date | null | undefined, zone: string, style: TimeStyle = "date"): string {
  if (!date || Number.isNaN(date.getTime())) return "—";
  const text = formatter(zone, style).format(date);
  return style === "date" ? text : `${text} ${zoneName(date, zone)}`;
}

/** "2026-12-06": the calendar day of a moment in a zone, as a date input holds it. */
export function dayInZone(date: Date, zone: string): string {
  return formatter(zone, "day").format(date);
}

/** Calendar days from `earlier` to `later` in `zone`: 0 the same day there, 1 the day after, whatever the hours between. */
export function calendarDaysBetween(earlier: Date, later: Date, zone: string): number {
  return Math.round((Date.parse(dayInZone(later, zone)) - Date.parse(dayInZone(earlier, zone))) / 86_400_000);
}

/**
 * Noon of a calendar day ("2026-12-06") in a zone, as a moment: noon UTC less the zone's offset then. It is that day
 * in the zone whatever the offset (noon UTC is the next day from UTC+12, the day before from UTC−12).
 */
export function noonInZone(day: string, zone: string): Date {
  const noonUtc = new Date(`${day}T12:00:00Z`);
  const wall = Object.fromEntries(formatter(zone, "wall").formatToParts(noonUtc).map((part) => [part.type, Number(part.value)]));
  const wallAsUtc = Date.UTC(wall.year ?? 0, (wall.month ?? 1) - 1, wall.day ?? 1, wall.hour ?? 0, wall.minute ?? 0, wall.second ?? 0);
  return new Date(2 * noonUtc.getTime() - wallAsUtc);
}
