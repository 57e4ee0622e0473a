"use client";

import { formatTime, type TimeStyle } from "@/lib/domain/time/format";
import { useViewerTimeZone } from "./time-zone";

/**
 * A moment in the viewer's timezone, named ("Dec 6, 2026, 5:30 PM GMT+1"), or in `zone` (a client's) when given.
 * Before the browser has reported its zone, the server renders UTC and says so.
 */
export function LocalTime({ value, style = "datetime", seconds = false, zone, className }: { value: Date | string; style?: TimeStyle; seconds?: boolean; zone?: string; className?: string }) {
  const viewer = useViewerTimeZone();
  const shownZone = zone ?? viewer;
  const date = typeof value === "string" ? new Date(value) : value;
  return (
    <time dateTime={date.toISOString()} className={className} title={shownZone}>
      {formatTime(date, shownZone, seconds ? "datetime-seconds" : style)}
    </time>
  );
}
