import "server-only";
import { cookies } from "next/headers";
import { FALLBACK_TIME_ZONE, knownTimeZone } from "@/lib/domain/time/format";

/** Set by the browser on its first page (components/ui/time-zone.tsx); read on every render after. */
const TIME_ZONE_COOKIE = "tz";

/**
 * The viewer's timezone as their browser last reported it, or null before it has (the first page, or a browser
 * without JavaScript): pages then show UTC, named as such.
 */
export async function viewerTimeZone(): Promise<string | null> {
  const value = (await cookies()).get(TIME_ZONE_COOKIE)?.value ?? "";
  try {
    return knownTimeZone(decodeURIComponent(value));
  } catch {
    return null;
  }
}

/** The zone to format in: the viewer's, else the named fallback. */
export async function displayTimeZone(): Promise<string> {
  return (await viewerTimeZone()) ?? FALLBACK_TIME_ZONE;
}
