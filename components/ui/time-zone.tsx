"use client";

import { useRouter } from "next/navigation";
import { createContext, type ReactNode, useContext, useEffect, useSyncExternalStore } from "react";
import { FALLBACK_TIME_ZONE } from "@/lib/domain/time/format";

// Must match TIME_ZONE_COOKIE in lib/server/http/viewer-time-zone.ts (components may not import server code).
const COOKIE = "tz";
const YEAR_SECONDS = 365 * 24 * 60 * 60;

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
const cookieZone = () => document.cookie.split("; ").find((c) => c.startsWith(`${COOKIE}=`))?.slice(COOKIE.length + 1);

/** Tells the server the browser's timezone (a cookie), so the next render shows times in it. True if it changed. */
function reportBrowserZone(): boolean {
  const zone = browserZone();
  if (!zone || decodeURIComponent(cookieZone() ?? "") === zone) return false;
  document.cookie = `${COOKIE}=${encodeURIComponent(zone)}; path=/; max-age=${YEAR_SECONDS}; samesite=lax`;
  return true;
}

/** On every page, signed in or not: the sign-in page already reports the zone, so the first signed-in page knows it. */
export function TimeZoneCookie() {
  useEffect(() => {
    reportBrowserZone();
  }, []);
  return null;
}

const ServerZone = createContext<string | null>(null);

/**
 * The viewer's zone as the server knew it for this render (null: not yet, so the server showed UTC, named).
 * When the browser's zone differs, the cookie is updated and the page rendered again in it.
 */
export function TimeZoneProvider({ zone, children }: { zone: string | null; children: ReactNode }) {
  const router = useRouter();
  useEffect(() => {
    if (reportBrowserZone() || (zone !== null && zone !== browserZone())) router.refresh();
  }, [zone, router]);
  return <ServerZone.Provider value={zone}>{children}</ServerZone.Provider>;
}

const noChange = () => () => {};

/** The zone to show times in: the server's for the first paint (so hydration matches), then the browser's. */
export function useViewerTimeZone(): string {
  const server = useContext(ServerZone);
  return useSyncExternalStore(noChange, () => server ?? browserZone(), () => server ?? FALLBACK_TIME_ZONE);
}
