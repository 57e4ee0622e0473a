import "server-only";
import { sql } from "drizzle-orm";
import type { RateDecision } from "@/lib/domain/ingest/token-bucket";
import { db } from "@/lib/server/db/client";
import { webhookRateBuckets as b } from "@/lib/server/db/schema";

type Lease = { tokens: number; expiresAt: number };
type Refill = { granted: number; tokens: number };

const LEASE_MS = 1000;
const ALLOWED: RateDecision = { allowed: true };

/**
 * A token bucket per sender kept in Postgres (webhook_rate_buckets), so the limit holds however many
 * instances serve webhooks. An instance takes tokens a lease at a time (a tenth of the burst) and spends
 * them in memory, so a busy sender costs one statement per lease, not per delivery; a lease left unspent
 * for a second is dropped, so tokens are never spent long after they were taken.
 */
export function createSharedRateLimiter({ ratePerSecond, burst }: { ratePerSecond: number; burst: number }) {
  const leaseSize = Math.max(1, Math.floor(burst / 10));
  const leases = new Map<string, Lease>();
  const refills = new Map<string, Promise<Refill>>();

  async function refill(sender: string): Promise<Refill> {
    // The refill and the grant in one statement: ON CONFLICT's SET reads the row as it was, under its lock.
    const refilled = sql`least(${burst}::float8, ${b.tokens} + ${ratePerSecond}::float8 * greatest(0, extract(epoch from now() - ${b.refilledAt})))`;
    const granted = sql`floor(least(${leaseSize}::float8, ${refilled}))`;
    const [row] = await db
      .insert(b)
      .values({ sender, tokens: burst - leaseSize, granted: leaseSize, refilledAt: sql`now()` })
      .onConflictDoUpdate({ target: b.sender, set: { granted: sql`${granted}::int`, tokens: sql`${refilled} - ${granted}`, refilledAt: sql`now()` } })
      .returning({ granted: b.granted, tokens: b.tokens });
    return { granted: row?.granted ?? 0, tokens: row?.tokens ?? 0 };
  }

  /** Takes one token for the sender, from this instance's lease or, when that is spent, a new one. */
  async function take(sender: string): Promise<RateDecision> {
    // Each pass either spends a token or waits for a refill; a refill that grants nothing ends it.
    for (let pass = 0; pass < 10; pass++) {
      const lease = leases.get(sender);
      if (lease && lease.tokens >= 1 && lease.expiresAt > Date.now()) {
        lease.tokens -= 1;
        return ALLOWED;
      }
      // Deliveries that arrive together wait for one refill rather than each taking a lease.
      let pending = refills.get(sender);
      if (!pending) {
        pending = refill(sender)
          .then((result) => {
            leases.set(sender, { tokens: result.granted, expiresAt: Date.now() + LEASE_MS });
            return result;
          })
          .finally(() => refills.delete(sender));
        refills.set(sender, pending);
      }
      const { granted, tokens } = await pending;
      if (granted < 1) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / ratePerSecond)) };
    }
    return { allowed: false, retryAfterSeconds: 1 };
  }

  return { take };
}
