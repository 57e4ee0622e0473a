import "server-only";
import { inngest } from "@/inngest/client";
import { scoringRunRequested } from "@/inngest/events";
import { isNightlyRunDue } from "@/lib/domain/engagement/schedule";
import { db } from "@/lib/server/db/client";
import { ConflictError } from "@/lib/server/errors";
import { runFullRescore } from "@/lib/server/services/engagement/run-full-rescore";
import { startFullRescore } from "@/lib/server/services/engagement/start-full-rescore";
import { readSettings } from "@/lib/server/data/settings";
import { systemContext } from "./system";
import { ENTRY_LIMIT, winBackEntryEvents } from "./win-back-entries";
import { winBackEntriesWithoutOutreach } from "@/lib/server/data/outreach-entries";

/**
 * Executes a queued full rescoring (Settings → Scoring, a large import, the nightly schedule). One at a time
 * (concurrency 1), so two runs never overlap; progress is counted in the run row, which the Scoring page
 * polls. Idempotent: a run that is no longer queued (already done, or under way elsewhere) is reported as it
 * stands rather than run again; clients it moved into at risk or lapsed are handed to outreach (event ids fixed per
 * entry). Retries: 2.
 */
export const fullRescoreFunction = inngest.createFunction(
  { id: "full-rescore", name: "Full rescoring", triggers: [scoringRunRequested], retries: 2, concurrency: { limit: 1 } },
  async ({ event, step }) => {
    const outcome = await step.run("rescore-every-client", async () => {
      try {
        const run = await runFullRescore({ ctx: systemContext("full-rescore"), input: { runId: event.data.runId } });
        return { runId: run.id, status: run.status, error: run.error };
      } catch (error) {
        if (error instanceof ConflictError) return { runId: event.data.runId, status: "not queued" };
        throw error;
      }
    });
    if (outcome.status !== "succeeded") return outcome;
    // The run wrote its tier changes set-based, without an event each: clients it moved into (or first scored in)
    // at risk or lapsed go to outreach from here.
    const entries = await step.run("find-win-back-entries", () => winBackEntriesWithoutOutreach(db, ENTRY_LIMIT));
    if (entries.length) await step.sendEvent("start-outreach", winBackEntryEvents(entries));
    return { ...outcome, outreach: entries.length };
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
