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
  runFullRescore({ ctx: { actor: SCORING, db }, input: { runId } }).catch((error: unknown) => {
    console.error(`Scoring run ${runId} could not be executed`, error);
  });
}
