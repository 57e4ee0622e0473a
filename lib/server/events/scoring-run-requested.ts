import "server-only";
import type { SystemActor } from "@/lib/domain/access/policy";
import { db } from "@/lib/server/db/client";
import { runFullRescore } from "@/lib/server/services/engagement/run-full-rescore";

const SCORING: SystemActor = { type: "system", name: "full-rescore" };

type FinishedRun = Awaited<ReturnType<typeof runFullRescore>>;

/** Runs executing in this process, so tests and scripts can wait for one. */
const running = new Map<string, Promise<FinishedRun | null>>();

/**
 * A full rescoring was queued and committed: run it in this process, in the background, and return at once.
 * Progress lives in the run row, so the page that started it can watch. startFullRescore calls this itself; it is
 * the one place that starts runs, so it can become an event for a job runner later.
 */
export function afterScoringRunRequested(runId: string, options: { chunkSize?: number } = {}): void {
  const work = runFullRescore({ ctx: { actor: SCORING, db }, input: { runId, ...options } })
    .catch((error: unknown) => {
      console.error(`Scoring run ${runId} could not be executed`, error);
      return null;
    })
    .finally(() => running.delete(runId));
  running.set(runId, work);
}

/**
 * Resolves once a run this process started has finished, with the finished run (succeeded or failed); null when it
 * could not be executed or is not running here. For tests and scripts that need the scores.
 */
export function scoringRunSettled(runId: string): Promise<FinishedRun | null> {
  return running.get(runId) ?? Promise.resolve(null);
}

/** Resolves once every run this process started has finished. */
export async function scoringRunsSettled(): Promise<void> {
  await Promise.all(running.values());
}
