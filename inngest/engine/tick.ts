import "server-only";
import { forwardOutbox } from "@/lib/server/events/outbox";
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
};

export type TickResult = { forwarded: number; cronsFired: number; runsDriven: number };

/** Outbox rows at least this old are forwarded by the tick (younger ones are their verb's to forward). */
const OUTBOX_GRACE_MS = 2_000;

/**
 * One turn of the embedded engine, safe to run on any number of instances at once: forwards outbox rows
 * their verb did not, fires due cron slots, then claims due runs and drives them until none is due or the
 * budget is spent. Nothing lives between ticks but Postgres.
 */
export async function tickEngine(options: TickOptions = {}): Promise<TickResult> {
  const now = options.now ?? (() => new Date());
  const deadline = performance.now() + (options.budgetMs ?? 10_000);
  const signingKey = embeddedSigningKey();
  if (!signingKey) throw new Error("AUTH_SECRET is not set, so the embedded engine has no signing key.");
  const forwarded = await forwardOutbox({ createdBefore: new Date(now().getTime() - OUTBOX_GRACE_MS) });
  const cronsFired = await fireCrons(now());
  let runsDriven = 0;
  const worker = async () => {
    while (performance.now() < deadline) {
      const [run] = await claimRuns(now(), 1);
      if (!run) return;
      runsDriven++;
      await driveRun(run, { now, deadline, signingKey, afterCall: options.afterCall });
    }
  };
  await Promise.all(Array.from({ length: options.parallel ?? 4 }, worker));
  return { forwarded, cronsFired, runsDriven };
}
