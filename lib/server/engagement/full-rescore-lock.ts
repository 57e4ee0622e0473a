import "server-only";
import { sql } from "drizzle-orm";
import type { Executor } from "@/lib/server/db/client";

// An arbitrary number that names "a full rescoring is running" among the database's advisory locks.
const FULL_RESCORE_LOCK = 7_301_846_552;

/**
 * Waits for the full-rescore lock and holds it until `tx` ends. Held by the run for its whole length, so a
 * second run waits for the first instead of interleaving its writes; a dead process releases it with its connection.
 */
export async function waitForFullRescoreLock(tx: Executor): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${FULL_RESCORE_LOCK}::bigint)`);
}

/** Takes the lock for the rest of `tx` if it is free; false while a run holds it. */
export async function tryFullRescoreLock(tx: Executor): Promise<boolean> {
  const [row] = await tx.execute<{ locked: boolean }>(sql`select pg_try_advisory_xact_lock(${FULL_RESCORE_LOCK}::bigint) as locked`);
  return row?.locked === true;
}
