/**
 * A token bucket per key: `burst` requests at once, refilled at `ratePerSecond`. Kept in memory, so each
 * server process limits on its own; with several instances the effective limit is their sum. (Webhook
 * senders' buckets are shared through Postgres instead: lib/server/ingest/rate-buckets.ts.)
 */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

type Bucket = { tokens: number; updatedAt: number };

export function createRateLimiter({ ratePerSecond, burst, maxKeys = 10_000 }: { ratePerSecond: number; burst: number; maxKeys?: number }) {
  const buckets = new Map<string, Bucket>();

  function take(key: string, nowMs: number, cost = 1): RateDecision {
    const bucket = buckets.get(key) ?? { tokens: burst, updatedAt: nowMs };
    const refilled = Math.min(burst, bucket.tokens + ((nowMs - bucket.updatedAt) / 1000) * ratePerSecond);
    if (refilled < cost) {
      buckets.set(key, { tokens: refilled, updatedAt: nowMs });
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((cost - refilled) / ratePerSecond)) };
    }
    buckets.delete(key); // re-inserted last, so the Map stays in least-recently-used order
    buckets.set(key, { tokens: refilled - cost, updatedAt: nowMs });
    // Forget the least recently used senders rather than grow without bound.
    if (buckets.size > maxKeys) {
      const oldest = buckets.keys().next();
      if (!oldest.done) buckets.delete(oldest.value);
    }
    return { allowed: true };
  }

  /** Whether a token is there, without taking it: for limits that charge only some outcomes (failures). */
  function check(key: string, nowMs: number): RateDecision {
    const bucket = buckets.get(key);
    if (!bucket) return { allowed: true };
    const refilled = Math.min(burst, bucket.tokens + ((nowMs - bucket.updatedAt) / 1000) * ratePerSecond);
    return refilled >= 1 ? { allowed: true } : { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - refilled) / ratePerSecond)) };
  }

  return { take, check, size: () => buckets.size };
}
