import "server-only";
import { forwardOutbox } from "@/lib/server/events/outbox";
import { formBatches } from "./batches";
import { claimRuns } from "./claim";
import { fireCrons } from "./crons";
import { driveRun } from "./execute";
import { embeddedSigningKey } from "./keys";

export type TickOptions = {
  now?: () => Date;
  /** How long this tick may drive runs (a serverless invocation's budget). */
  budgetMs?: number;
  /** Runs driven side by side. */
  parallel?: number;
  afterCall?: Parameters<typeof driveRun>[1]["afterCall"];
  /** False: leave cron slots for another tick (tests that drain their own runs on a clock set ahead). */
  crons?: boolean;
};

type TickResult = { forwarded: number; cronsFired: number; runsDriven: number };

/** Outbox rows at least this old are forwarded by the tick (younger ones are their verb's to forward). */
const OUTBOX_GRACE_MS = 2_000;
/** How often a long tick looks for batches that came due. */
const BATCH_CHECK_MS = 250;

/**
 * One turn of the embedded engine, safe to run on any number of instances at once: forwards outbox rows
 * their verb did not, fires due cron slots, starts the runs of full or timed-out batches, then claims due
 * runs and drives them until none is due or the budget is spent. Nothing lives between ticks but Postgres.
 */
export async function tickEngine(options: TickOptions = {}): Promise<TickResult> {
  const now = options.now ?? (() => new Date());
  const deadline = performance.now() + (options.budgetMs ?? 10_000);
  const signingKey = embeddedSigningKey();
  if (!signingKey) throw new Error("AUTH_SECRET is not set, so the embedded engine has no signing key.");
  const forwarded = await forwardOutbox({ createdBefore: new Date(now().getTime() - OUTBOX_GRACE_MS) });
  const cronsFired = options.crons === false ? 0 : await fireCrons(now());
  await formBatches(now());
  let batchesFormedAt = performance.now();
  const parallel = options.parallel ?? 4;
  let runsDriven = 0;
  let failure: { error: unknown } | null = null;
  const active = new Set<Promise<void>>();
  // Claims as many due runs as there are free drivers, in one claim, and drives them side by side.
  while (performance.now() < deadline && !failure) {
    // Batches come due while runs are driven (a full batch, a timeout passing): start them between claims.
    if (active.size < parallel && performance.now() - batchesFormedAt > BATCH_CHECK_MS) {
      await formBatches(now());
      batchesFormedAt = performance.now();
    }
    const runs = active.size < parallel ? await claimRuns(now(), parallel - active.size) : [];
    if (runs.length === 0 && active.size === 0) break;
    for (const run of runs) {
      runsDriven++;
      const driving: Promise<void> = driveRun(run, { now, deadline, signingKey, afterCall: options.afterCall })
        .catch((error: unknown) => {
          failure ??= { error };
        })
        .finally(() => active.delete(driving));
      active.add(driving);
    }
    if (runs.length === 0 || active.size >= parallel) await Promise.race(active);
  }
  await Promise.all(active);
  if (failure) throw (failure as { error: unknown }).error;
  return { forwarded, cronsFired, runsDriven };
}
