"use client";

import { type QueryKey, useQuery } from "@tanstack/react-query";

/** How often live data polls: quickly while something is under way, slowly while nothing is. */
const LIVE_POLL = { active: 1_000, idle: 15_000 } as const;

/**
 * Data the server changes in the background (runs, progress, emails being sent), kept fresh through the app's one
 * QueryProvider: `url` answers JSON, `read` turns it into the view (reviving dates), `initial` is what the server
 * rendered, and `isActive` says whether to poll quickly. The email list hooks in the same way:
 * `useLiveQuery({ key: ["emails", filter], url: "/api/emails?...", read, initial, isActive: (list) => list.some(sending) })`.
 */
export function useLiveQuery<T>({ key, url, read, initial, isActive }: { key: QueryKey; url: string; read: (json: unknown) => T; initial: T; isActive: (data: T) => boolean }) {
  const query = useQuery({
    queryKey: key,
    queryFn: async () => {
      const response = await fetch(url, { cache: "no-store", headers: { accept: "application/json" } });
      if (!response.ok) throw new Error(`Could not refresh (${response.status})`);
      return read(await response.json());
    },
    initialData: initial,
    refetchInterval: (q) => (q.state.data !== undefined && isActive(q.state.data) ? LIVE_POLL.active : LIVE_POLL.idle),
  });
  return { data: query.data ?? initial, error: query.error };
}
