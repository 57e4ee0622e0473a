import "server-only";
import { sql } from "drizzle-orm";
import { parseTimeString } from "@/lib/domain/inngest/duration";
import { db } from "@/lib/server/db/client";
import { insertRuns, runFor } from "./ingest";
import { registeredApps } from "./registry";

type Batch = { app_id: string; events: { id: string; name: string; data: Record<string, unknown>; ts: number }[] };

/**
 * Starts the runs of batched functions (`batchEvents`), as Inngest does: a key's batch starts one run once it
 * holds `maxSize` events or its first event has waited `timeout`; the run gets the batch's events in arrival
 * order (`events`; `event` is the first). The events leave engine_batch_events in the transaction that
 * inserts their run, rows another instance is batching are skipped, so each event lands in one run.
 * Answers the runs started.
 */
export async function formBatches(now: Date): Promise<number> {
  let started = 0;
  for (const app of await registeredApps()) {
    for (const fn of app.functions) {
      const batching = fn.batchEvents;
      if (!batching) continue;
      const timeoutMs = parseTimeString(batching.timeout) ?? 0;
      const cutoff = new Date(now.getTime() - timeoutMs).toISOString();
      started += await db.transaction(async (tx) => {
        const batches = await tx.execute<Batch>(sql`
          with due as (
            select batch_key from engine_batch_events where function_id = ${fn.id}
            group by batch_key having count(*) >= ${batching.maxSize} or min(received_at) <= ${cutoff}::timestamptz),
          pending as (
            select e.seq from engine_batch_events e join due using (batch_key)
            where e.function_id = ${fn.id} order by e.seq for update of e skip locked),
          numbered as (
            select e.seq, e.batch_key, e.received_at, ((row_number() over (partition by e.batch_key order by e.seq)) - 1) / ${batching.maxSize} as part
            from engine_batch_events e join pending using (seq)),
          parts as (
            select n.*, count(*) over (partition by batch_key, part) as size, min(received_at) over (partition by batch_key, part) as opened
            from numbered n),
          taken as (
            delete from engine_batch_events e using parts n
            where e.seq = n.seq and (n.size >= ${batching.maxSize} or n.opened <= ${cutoff}::timestamptz)
            returning e.app_id, e.batch_key, n.part, e.event, e.seq)
          select min(app_id) as app_id, jsonb_agg(event order by seq) as events from taken group by batch_key, part`);
        // A run's concurrency key follows its batch's first event.
        const runs = [...batches].flatMap((batch) => {
          const [first] = batch.events;
          return first ? [{ ...runFor(batch.app_id, fn, first, now), events: batch.events }] : [];
        });
        await insertRuns(runs, tx);
        return runs.length;
      });
    }
  }
  return started;
}
