/**
 * Inngest's time strings ("300ms", "2h45m", "1.5s", "1w") in milliseconds, or an ISO 8601 date's distance
 * from `now` (a sleep until a moment). Null when the text is neither.
 */
const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, "µs": 1e-3, ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

export function parseTimeString(text: string): number | null {
  const trimmed = text.trim();
  if (!/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h|d|w))+$/.test(trimmed)) return null;
  let total = 0;
  for (const [, amount, , unit] of trimmed.matchAll(/(\d+(\.\d+)?)(ns|us|µs|ms|s|m|h|d|w)/g)) total += Number(amount) * (UNIT_MS[unit ?? "ms"] ?? 0);
  return total;
}

/** A step's sleep: a time string from now, or until an ISO date; never negative. */
export function sleepUntil(duration: string, now: Date): Date | null {
  const ms = parseTimeString(duration);
  if (ms !== null) return new Date(now.getTime() + ms);
  const at = Date.parse(duration);
  if (Number.isNaN(at)) return null;
  return new Date(Math.max(at, now.getTime()));
}

/** Delay before retry `attempt` (1 = the first retry): doubling from a second, capped at ten minutes. */
export function retryBackoffMs(attempt: number): number {
  return Math.min(1_000 * 2 ** Math.max(0, attempt - 1), 600_000);
}
