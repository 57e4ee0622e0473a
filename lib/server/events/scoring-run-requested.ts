import "server-only";
import type { SystemActor } from "@/lib/domain/access/policy";
import { db } from "@/lib/server/db/client";
import { runFullRescore } from "@/lib/server/services/engagement/run-full-rescore";

const SCORING: SystemActor = { type: "system", name: "full-rescore" };

/**
 * A full rescoring was queued: run it in this process, in the background, and return at once. Progress lives
 * in the run row, so the page that started it can watch. The one place that starts runs, so it can become an
 * event for a job runner later.
 */
export function afterScoringRunRequested(runId: string): void {
  const run = runFullRescore({ ctx: { actor: SCORING, db }, input: { runId } })
    .then(() => undefined)
    .catch((error: unknown) => {
      console.error(`Scoring run ${runId} could not be executed`, error);
    })
    .finally(() => running.delete(run));
  running.add(run);
}

const running = new Set<Promise<void>>();

/** Resolves once the runs started in this process have finished (for tests that must not leave one running). */
export async function scoringRunsSettled(): Promise<void> {
  await Promise.all(running);
}
