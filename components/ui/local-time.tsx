"use client";

import { useSyncExternalStore } from "react";

const noChange = () => () => {};
const viewerZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * A moment in the viewer's own timezone, named ("Dec 6, 2026, 5:30 PM GMT+1"). The server cannot know that
 * zone, so the first paint says UTC and the browser swaps in local time once it runs.
 */
export function LocalTime({ value, seconds = false, className }: { value: Date | string; seconds?: boolean; className?: string }) {
  const zone = useSyncExternalStore(noChange, viewerZone, () => "UTC");
  const date = typeof value === "string" ? new Date(value) : value;
  const text = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: seconds ? "long" : "short", timeZone: zone }).format(date);
  return (
    <time dateTime={date.toISOString()} className={className} title={zone}>
      {seconds ? text : `${text} ${shortZone(date, zone)}`}
    </time>
  );
}

function shortZone(date: Date, zone: string): string {
  return new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "short" }).formatToParts(date).find((p) => p.type === "timeZoneName")?.value ?? zone;
}
