import "server-only";
import { sql } from "drizzle-orm";
import { bigint, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

/**
 * Events written in the same transaction as the change that causes them, forwarded to Inngest after
 * commit with the row's id as the event id (so a repeat send is deduplicated). A rolled-back change
 * leaves no row; a process that dies before forwarding leaves one for the next tick or sweep.
 */
export const eventOutbox = pgTable(
  "event_outbox",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    data: jsonb().$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
    forwardedAt: timestamp({ withTimezone: true, mode: "date" }),
    attempts: integer().notNull().default(0),
    lastError: text(),
  },
  (t) => [index("event_outbox_unforwarded_idx").on(t.createdAt).where(sql`${t.forwardedAt} is null`)],
);

// ---- The embedded engine's state: what an Inngest server keeps, in Postgres. ----

/** What the app registered (PUT /api/inngest → POST fn/register): its URL and function configs. */
export const engineApps = pgTable("engine_apps", {
  appId: text().primaryKey(),
  url: text().notNull(),
  functions: jsonb().$type<unknown[]>().notNull(),
  syncedAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
  // The first sync: crons fire no slot from before the app existed here.
  firstSyncedAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

/** Every event the engine accepted; the id deduplicates repeats. */
export const engineEvents = pgTable(
  "engine_events",
  {
    id: text().primaryKey(),
    name: text().notNull(),
    data: jsonb().$type<Record<string, unknown>>().notNull(),
    ts: bigint({ mode: "number" }).notNull(),
    receivedAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("engine_events_received_idx").on(t.receivedAt.desc())],
);

export const engineRunStatus = pgEnum("engine_run_status", ["debouncing", "queued", "running", "completed", "failed", "cancelled"]);

/**
 * One function run. `steps` holds memoized step results by hashed id, in the shape the SDK receives
 * them; `stack` their completion order. A run is claimed by setting a lease (SKIP LOCKED), so any
 * instance can drive it and a dead one's lease simply runs out.
 */
export const engineRuns = pgTable(
  "engine_runs",
  {
    id: uuid().primaryKey().defaultRandom(),
    appId: text().notNull(),
    functionId: text().notNull(),
    functionName: text().notNull(),
    status: engineRunStatus().notNull().default("queued"),
    events: jsonb().$type<Record<string, unknown>[]>().notNull(),
    steps: jsonb().$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    stack: text().array().notNull().default(sql`'{}'::text[]`),
    // Steps the SDK planned (StepPlanned / parallel), still to be executed one call each.
    planned: jsonb().$type<{ id: string; name: string }[]>().notNull().default(sql`'[]'::jsonb`),
    // A Sleep step to memoize with null when next_at comes.
    sleepingStep: text(),
    attempt: integer().notNull().default(0),
    maxAttempts: integer().notNull(),
    calls: integer().notNull().default(0),
    nextAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
    leaseUntil: timestamp({ withTimezone: true, mode: "date" }),
    // Set by each claim: a driver whose lease ran out and was taken over can no longer write the run.
    leaseToken: uuid(),
    concurrencyKey: text(),
    concurrencyLimit: integer(),
    debounceKey: text(),
    debounceUntil: timestamp({ withTimezone: true, mode: "date" }),
    output: jsonb(),
    error: jsonb().$type<{ name?: string; message?: string; stack?: string }>(),
    replayOf: uuid(),
    createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
    startedAt: timestamp({ withTimezone: true, mode: "date" }),
    finishedAt: timestamp({ withTimezone: true, mode: "date" }),
  },
  (t) => [
    index("engine_runs_due_idx").on(t.nextAt).where(sql`${t.status} in ('queued', 'debouncing', 'running')`),
    index("engine_runs_created_idx").on(t.createdAt.desc()),
    index("engine_runs_concurrency_idx").on(t.functionId, t.concurrencyKey).where(sql`${t.status} = 'running'`),
    uniqueIndex("engine_runs_debounce_key").on(t.functionId, t.debounceKey).where(sql`${t.status} = 'debouncing'`),
  ],
);

/**
 * Events waiting for a batched function (`batchEvents`): a tick turns each key's oldest events into one run
 * once it holds `maxSize` of them or its first has waited `timeout`, deleting them in the same transaction.
 */
export const engineBatchEvents = pgTable(
  "engine_batch_events",
  {
    // Arrival order: a batch holds its events in the order they came.
    seq: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    appId: text().notNull(),
    functionId: text().notNull(),
    batchKey: text().notNull(),
    event: jsonb().$type<Record<string, unknown>>().notNull(),
    receivedAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [index("engine_batch_events_key_idx").on(t.functionId, t.batchKey, t.seq)],
);

/** One row per step call for the Runs page: what ran, how often, how long, how it ended. */
export const engineSteps = pgTable(
  "engine_steps",
  {
    id: uuid().primaryKey().defaultRandom(),
    runId: uuid()
      .notNull()
      .references(() => engineRuns.id, { onDelete: "cascade" }),
    stepId: text().notNull(),
    name: text().notNull(),
    op: text().notNull(),
    attempt: integer().notNull(),
    outcome: text().notNull(),
    error: text(),
    startedAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    durationMs: integer().notNull(),
  },
  (t) => [index("engine_steps_run_idx").on(t.runId, t.startedAt)],
);

/** One row per cron slot fired, so each slot starts one run however many instances tick. */
export const engineCronFires = pgTable(
  "engine_cron_fires",
  {
    functionId: text().notNull(),
    slot: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    runId: uuid(),
  },
  (t) => [primaryKey({ columns: [t.functionId, t.slot] })],
);

export type EngineRun = typeof engineRuns.$inferSelect;
export type EngineStep = typeof engineSteps.$inferSelect;
