import "server-only";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { parseTimeString } from "@/lib/domain/inngest/duration";
import { evaluatePath } from "@/lib/domain/inngest/expression";
import { db, type Executor } from "@/lib/server/db/client";
import { type FunctionConfig, maxAttempts, registeredApps } from "./registry";
import { wakeEngine } from "./wake";

const incomingEventSchema = z.object({
  id: z.string().min(1).max(200).optional(),
  name: z.string().min(1).max(200),
  data: z.record(z.string(), z.unknown()).default({}),
  ts: z.number().int().optional(),
});
type StoredEvent = { id: string; name: string; data: Record<string, unknown>; ts: number };

export type NewRun = {
  appId: string;
  functionId: string;
  functionName: string;
  events: StoredEvent[];
  maxAttempts: number;
  nextAt: Date;
  status: "queued" | "debouncing";
  concurrencyKey: string | null;
  concurrencyLimit: number | null;
  debounceKey: string | null;
  debounceUntil: Date | null;
};

/** The run a function gets for an event: its concurrency key, and for a debounced function its debounce key and times. */
export function runFor(appId: string, fn: FunctionConfig, event: StoredEvent, now: Date): NewRun {
  const concurrency = fn.concurrency[0];
  const base = {
    appId,
    functionId: fn.id,
    functionName: fn.name ?? fn.id,
    events: [event],
    maxAttempts: maxAttempts(fn),
    concurrencyKey: concurrency ? `${fn.id}:${concurrency.key ? evaluatePath(concurrency.key, event) : ""}` : null,
    concurrencyLimit: concurrency ? concurrency.limit : null,
  };
  if (!fn.debounce) return { ...base, status: "queued", nextAt: now, debounceKey: null, debounceUntil: null };
  const period = parseTimeString(fn.debounce.period) ?? 0;
  const timeout = fn.debounce.timeout ? parseTimeString(fn.debounce.timeout) : null;
  return {
    ...base,
    status: "debouncing",
    nextAt: new Date(now.getTime() + period),
    debounceKey: fn.debounce.key ? evaluatePath(fn.debounce.key, event) : "",
    debounceUntil: timeout === null ? null : new Date(now.getTime() + timeout),
  };
}

/** An event held for a batched function until its batch starts a run (see batches.ts). */
type BatchedEvent = { appId: string; functionId: string; batchKey: string; event: StoredEvent; receivedAt: string };

async function insertBatchedEvents(rows: BatchedEvent[], executor: Executor): Promise<void> {
  if (rows.length === 0) return;
  await executor.execute(sql`
    insert into engine_batch_events (app_id, function_id, batch_key, event, received_at)
    select r."appId", r."functionId", r."batchKey", r.event, r."receivedAt"
    from json_to_recordset(${JSON.stringify(rows.map((row, n) => ({ ...row, n })))}::json) as r("appId" text, "functionId" text, "batchKey" text, event jsonb, "receivedAt" timestamptz, n int)
    order by r.n`);
}

/**
 * Inserts runs. A debounced run joins the waiting run of its (function, key): that run takes the latest event
 * and waits another period, but never past the debounce timeout set by its first event.
 */
export async function insertRuns(runs: NewRun[], executor: Executor = db): Promise<void> {
  if (runs.length === 0) return;
  // One row per debounce slot per statement (Postgres cannot update a row twice in one INSERT … ON CONFLICT).
  const slots = new Map<string, NewRun>();
  const plain: NewRun[] = [];
  for (const run of runs) {
    if (run.status !== "debouncing") plain.push(run);
    else {
      const slot = `${run.functionId}\u0000${run.debounceKey}`;
      const first = slots.get(slot);
      slots.set(slot, first ? { ...run, debounceUntil: first.debounceUntil } : run);
    }
  }
  const rows = [...plain, ...slots.values()].map((r) => ({ ...r, nextAt: r.nextAt.toISOString(), debounceUntil: r.debounceUntil?.toISOString() ?? null }));
  await executor.execute(sql`
    insert into engine_runs (app_id, function_id, function_name, status, events, max_attempts, next_at, concurrency_key, concurrency_limit, debounce_key, debounce_until)
    select r."appId", r."functionId", r."functionName", r.status::engine_run_status, r.events, r."maxAttempts", r."nextAt", r."concurrencyKey", r."concurrencyLimit", r."debounceKey", r."debounceUntil"
    from json_to_recordset(${JSON.stringify(rows)}::json) as r("appId" text, "functionId" text, "functionName" text, status text, events jsonb, "maxAttempts" int,
      "nextAt" timestamptz, "concurrencyKey" text, "concurrencyLimit" int, "debounceKey" text, "debounceUntil" timestamptz)
    on conflict (function_id, debounce_key) where status = 'debouncing'
    do update set events = excluded.events, next_at = least(excluded.next_at, engine_runs.debounce_until)`);
}

/** How long an event id marks a repeat: Inngest starts nothing for an id it received within the last 24 hours. */
export const DEDUPLICATION_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * Accepts events as Inngest's event API does: stores each (an id received within DEDUPLICATION_WINDOW_MS is a
 * repeat and starts nothing; an older one is taken as new, replacing what was stored under it) and starts a run of
 * every function it triggers (or, for a batched function, adds it to its key's batch). Answers the events' ids in order.
 */
export async function ingestEvents(input: unknown, now = new Date()): Promise<string[]> {
  const parsed = z.array(incomingEventSchema).parse(Array.isArray(input) ? input : [input]);
  const events: StoredEvent[] = parsed.map((e) => ({ id: e.id ?? randomUUID(), name: e.name, data: e.data, ts: e.ts ?? now.getTime() }));
  if (events.length === 0) return [];
  // The same id twice in one request is one event, the first (and one statement cannot upsert a row twice).
  const firstOfEachId = new Map<string, StoredEvent>();
  for (const event of events) if (!firstOfEachId.has(event.id)) firstOfEachId.set(event.id, event);
  const distinct = [...firstOfEachId.values()];
  const started = await db.transaction(async (tx) => {
    const fresh = await tx.execute<{ id: string }>(sql`
      insert into engine_events (id, name, data, ts, received_at)
      select e.id, e.name, e.data, e.ts, ${now.toISOString()}::timestamptz from json_to_recordset(${JSON.stringify(distinct)}::json) as e(id text, name text, data jsonb, ts bigint)
      on conflict (id) do update set name = excluded.name, data = excluded.data, ts = excluded.ts, received_at = excluded.received_at
        where engine_events.received_at <= ${new Date(now.getTime() - DEDUPLICATION_WINDOW_MS).toISOString()}::timestamptz
      returning id`);
    const freshIds = new Set([...fresh].map((r) => r.id));
    const runs: NewRun[] = [];
    const batched: BatchedEvent[] = [];
    const apps = await registeredApps();
    for (const event of distinct) {
      if (!freshIds.has(event.id)) continue;
      for (const app of apps) {
        for (const fn of app.functions) {
          if (!fn.triggers.some((t) => "event" in t && t.event === event.name)) continue;
          if (fn.batchEvents) {
            const batchKey = fn.batchEvents.key ? evaluatePath(fn.batchEvents.key, event) : "";
            batched.push({ appId: app.appId, functionId: fn.id, batchKey, event, receivedAt: now.toISOString() });
          } else runs.push(runFor(app.appId, fn, event, now));
        }
      }
    }
    // One transaction: an event is stored exactly when the runs (or batch places) it starts are.
    await insertRuns(runs, tx);
    await insertBatchedEvents(batched, tx);
    return runs.length + batched.length;
  });
  if (started) wakeEngine();
  return events.map((e) => e.id);
}
