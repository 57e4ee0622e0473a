import "server-only";
import { inngest } from "@/inngest/client";
import { scoringRunRequested } from "@/inngest/events";
import { isNightlyRunDue } from "@/lib/domain/engagement/schedule";
import { db } from "@/lib/server/db/client";
import { ConflictError } from "@/lib/server/errors";
import { executeFullRun } from "@/lib/server/engagement/full-run";
import { startFullRescore } from "@/lib/server/services/engagement/start-full-rescore";
import { readSettings } from "@/lib/server/data/settings";
import { systemContext } from "./system";
import { handEntriesToOutreach } from "./win-back-entries";

/**
 * Executes a queued full rescoring (Settings → Scoring, a large import, the nightly schedule) in steps that each fit
 * one serverless invocation (see executeFullRun): begin, learn and read the model's sample (unless it reuses a model
 * fitted within the week), fit, score each chunk, publish, count tiers.
 * Every step's stored output is small (chunk boundaries, counts, a fit id). One at a time (concurrency 1), and only
 * one run is ever queued or running (see queueFullRescore), so two runs never overlap; progress is counted in the
 * run row, which the Scoring page polls. A run that is no longer queued is reported as it stands rather than run
 * again; a repeated step finds its work done. Tier changes go to outreach as events written with them; clients
 * first scored in at risk or lapsed (no tier change) are handed to outreach after the run (event ids fixed per
 * entry). Retries: 2 per step.
 */
export const fullRescoreFunction = inngest.createFunction(
  { id: "full-rescore", name: "Full rescoring", triggers: [scoringRunRequested], retries: 2, concurrency: { limit: 1 } },
  async ({ event, step }) => {
    const outcome = await executeFullRun(db, event.data.runId, { run: async (id, work, output) => output.parse(await step.run(id, work)), workers: 1 }, event.data.chunkSize);
    if (outcome.status !== "succeeded") return outcome;
    const outreach = await handEntriesToOutreach((id, work) => step.run(id, work));
    return { ...outcome, outreach };
  },
);

/**
 * Every hour on the hour; in the hour an admin set (Settings → Scoring) it queues the nightly full rescoring,
 * whose own event then runs it. A run still under way is left alone. Retries: 2.
 */
export const nightlyRescoreFunction = inngest.createFunction(
  { id: "nightly-rescore", name: "Nightly full rescoring", triggers: [{ cron: "0 * * * *" }], retries: 2, concurrency: { limit: 1 } },
  async ({ event, step }) => {
    const firedAt = new Date(event.ts ?? Date.now());
    return step.run("queue-nightly-run", async () => {
      const schedule = await readSettings(db, "scoring_schedule");
      if (!isNightlyRunDue(schedule, firedAt)) return { queued: false, reason: `not the configured hour (${schedule.nightlyHourUtc ?? "off"})` };
      try {
        // As of the slot, or now if a late tick or a test clock puts the slot ahead of this server's clock.
        const asOf = new Date(Math.min(firedAt.getTime(), Date.now()));
        const run = await startFullRescore({ ctx: systemContext("nightly"), input: { asOf: asOf.toISOString() } });
        return { queued: true, runId: run.id };
      } catch (error) {
        if (error instanceof ConflictError) return { queued: false, reason: "a run is already under way" };
        throw error;
      }
    });
  },
);
