import "server-only";
import { randomUUID } from "node:crypto";
import { inArray, sql } from "drizzle-orm";
import { db } from "@/lib/server/db/client";
import { type EngineRun, engineRuns } from "@/lib/server/db/schema";

// Names "claiming engine runs" among the database's advisory locks: claims are short and serialised, so two
// instances never both start the one run a concurrency key allows.
const CLAIM_LOCK = 7_301_846_553;
/** How long a claim holds a run without a word from its driver; a driver extends it while a call is under way. */
export const LEASE_MS = 60_000;

type Candidate = { id: string; concurrency_key: string | null; concurrency_limit: number | null };

/**
 * Claims up to `limit` runs that are due at `now`: queued, debounced past their period, or running under a
 * lease that ran out (their instance died). A run whose concurrency key already has its limit of runs
 * under a live lease waits. Each claimed run gets a new lease token.
 */
export async function claimRuns(now: Date, limit: number): Promise<EngineRun[]> {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${CLAIM_LOCK}::bigint)`);
    const candidates = [
      ...(await tx.execute<Candidate>(sql`
        select id, concurrency_key, concurrency_limit from engine_runs
        where next_at <= ${at}::timestamptz
          and (status in ('queued', 'debouncing') or (status = 'running' and lease_until < ${at}::timestamptz))
        order by next_at limit ${limit * 4} for update skip locked`)),
    ];
    if (candidates.length === 0) return [];
    const keys = [...new Set(candidates.flatMap((c) => (c.concurrency_key ? [c.concurrency_key] : [])))];
    const busy = new Map<string, number>();
    if (keys.length) {
      const rows = await tx.execute<{ key: string; n: number }>(sql`
        select concurrency_key as key, count(*)::int as n from engine_runs
        where status = 'running' and lease_until >= ${at}::timestamptz and concurrency_key = any(${`{${keys.map((k) => JSON.stringify(k)).join(",")}}`}::text[])
        group by concurrency_key`);
      for (const row of rows) busy.set(row.key, row.n);
    }
    const chosen: string[] = [];
    for (const c of candidates) {
      if (chosen.length >= limit) break;
      if (c.concurrency_key && c.concurrency_limit) {
        const running = busy.get(c.concurrency_key) ?? 0;
        if (running >= c.concurrency_limit) continue;
        busy.set(c.concurrency_key, running + 1);
      }
      chosen.push(c.id);
    }
    if (chosen.length === 0) return [];
    const leaseUntil = new Date(now.getTime() + LEASE_MS).toISOString();
    const claimed = await tx.execute<{ id: string; token: string }>(sql`
      update engine_runs r set status = 'running', lease_until = ${leaseUntil}::timestamptz, lease_token = c.token,
        started_at = coalesce(r.started_at, ${at}::timestamptz)
      from (select unnest(${`{${chosen.join(",")}}`}::uuid[]) as id, unnest(${`{${chosen.map(() => randomUUID()).join(",")}}`}::uuid[]) as token) c
      where r.id = c.id returning r.id`);
    const ids = [...claimed].map((r) => r.id);
    return ids.length ? tx.select().from(engineRuns).where(inArray(engineRuns.id, ids)) : [];
  });
}
