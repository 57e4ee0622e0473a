import "server-only";
import { getTableColumns, sql } from "drizzle-orm";
import { db } from "@/lib/server/db/client";
import { type EngineRun, engineRuns } from "@/lib/server/db/schema";

// Names "claiming engine runs" among the database's advisory locks: claims are short and serialised, so two
// instances never both start the one run a concurrency key allows.
const CLAIM_LOCK = 7_301_846_553;
/** How long a claim holds a run without a word from its driver; a driver extends it while a call is under way. */
export const LEASE_MS = 60_000;

/** A row of engine_runs as the raw statement answers it, mapped the way Drizzle maps its own selects. */
function toEngineRun(row: Record<string, unknown>): EngineRun {
  const run: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(engineRuns))) {
    // The schema names columns by their keys; the database has them in snake_case (the client's casing).
    const value = row[key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)];
    run[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return run as EngineRun;
}

/**
 * Claims up to `limit` runs that are due at `now`: queued, debounced past their period, or running under a
 * lease that ran out (their instance died). A run whose concurrency key already has its limit of runs
 * under a live lease waits. Each claimed run gets a new lease token. One statement under the claim lock
 * chooses, counts the busy keys, leases and answers the runs: three round trips with the transaction's own.
 */
export async function claimRuns(now: Date, limit: number): Promise<EngineRun[]> {
  const at = now.toISOString();
  const leaseUntil = new Date(now.getTime() + LEASE_MS).toISOString();
  return db.transaction(async (tx) => {
    // Sent together (the connection pipelines them): the claim statement runs, with a fresh snapshot, once the lock is held.
    const [, rows] = await Promise.all([
      tx.execute(sql`select pg_advisory_xact_lock(${CLAIM_LOCK}::bigint)`),
      tx.execute<Record<string, unknown>>(sql`
      with candidates as (
        select id, concurrency_key, concurrency_limit, next_at from engine_runs
        where next_at <= ${at}::timestamptz
          and (status in ('queued', 'debouncing') or (status = 'running' and lease_until < ${at}::timestamptz))
        order by next_at limit ${limit * 4} for update skip locked),
      busy as (
        select concurrency_key, count(*)::int as n from engine_runs
        where status = 'running' and lease_until >= ${at}::timestamptz and concurrency_key in (select concurrency_key from candidates)
        group by concurrency_key),
      ranked as (
        select c.id, c.next_at, c.concurrency_key, c.concurrency_limit, coalesce(b.n, 0) as busy,
          row_number() over (partition by c.concurrency_key order by c.next_at, c.id) as place
        from candidates c left join busy b using (concurrency_key)),
      chosen as (
        select id from ranked
        where concurrency_key is null or coalesce(concurrency_limit, 0) = 0 or busy + place <= concurrency_limit
        order by next_at limit ${limit})
      update engine_runs r set status = 'running', lease_until = ${leaseUntil}::timestamptz, lease_token = gen_random_uuid(),
        started_at = coalesce(r.started_at, ${at}::timestamptz)
      from chosen where r.id = chosen.id
      returning r.*`),
    ]);
    return [...rows].map(toEngineRun);
  });
}
