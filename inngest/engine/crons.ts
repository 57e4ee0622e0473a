import "server-only";
import { sql } from "drizzle-orm";
import { latestSlot, parseCron } from "@/lib/domain/inngest/cron";
import { db } from "@/lib/server/db/client";
import { insertRuns, runFor } from "./ingest";
import { cronTriggers, registeredApps } from "./registry";

/** How far back a late tick still fires a slot it missed (a host asleep for a day fires its last slot, not every one). */
const CATCH_UP_MS = 60 * 60_000;

/**
 * Starts a run for each cron slot that has come since the function was synced, once: the slot's row in
 * engine_cron_fires is claimed by whichever instance ticks first. The run's event is Inngest's
 * `inngest/scheduled.timer`.
 */
export async function fireCrons(now: Date): Promise<number> {
  let fired = 0;
  for (const app of await registeredApps()) {
    for (const fn of app.functions) {
      for (const cron of cronTriggers(fn)) {
        const notBefore = new Date(Math.max(app.firstSyncedAt.getTime(), now.getTime() - CATCH_UP_MS));
        const slot = latestSlot(parseCron(cron), now, notBefore);
        if (!slot) continue;
        const [claimed] = await db.execute<{ slot: Date }>(
          sql`insert into engine_cron_fires (function_id, slot) values (${fn.id}, ${slot.toISOString()}::timestamptz) on conflict do nothing returning slot`,
        );
        if (!claimed) continue;
        const event = { id: `cron:${fn.id}:${slot.toISOString()}`, name: "inngest/scheduled.timer", data: { cron }, ts: slot.getTime() };
        await insertRuns([runFor(app.appId, fn, event, now)]);
        fired++;
      }
    }
  }
  return fired;
}
