import "server-only";
import { sql } from "drizzle-orm";
import { bigint, boolean, doublePrecision, index, integer, jsonb, pgEnum, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { apiKeys } from "./api-keys";
import { users } from "./users";

export const webhookOutcome = pgEnum("webhook_outcome", ["accepted", "partial", "rejected", "ignored"]);

/**
 * One row per authenticated webhook delivery, so an integrator can see what we made of it. A delivery
 * that was processed holds its (sender, event id) slot: a repeat is answered with the stored response.
 */
export const webhookReceipts = pgTable(
  "webhook_receipts",
  {
    id: uuid().primaryKey().defaultRandom(),
    // An API key's id for our own webhooks, or "shopify".
    sender: text().notNull(),
    apiKeyId: uuid().references(() => apiKeys.id, { onDelete: "set null" }),
    endpoint: text().notNull(),
    eventId: text(),
    // True once the delivery was processed; only those answer repeats (a rejected one may be re-sent fixed).
    replayable: boolean().notNull().default(false),
    bodySha256: text(),
    outcome: webhookOutcome().notNull(),
    httpStatus: smallint().notNull(),
    received: integer().notNull().default(0),
    created: integer().notNull().default(0),
    updated: integer().notNull().default(0),
    unchanged: integer().notNull().default(0),
    rejected: integer().notNull().default(0),
    response: jsonb().$type<Record<string, unknown>>(),
    receivedAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true, mode: "date" }),
  },
  (t) => [
    uniqueIndex("webhook_receipts_event_key").on(t.sender, t.eventId).where(sql`${t.replayable}`),
    index("webhook_receipts_received_idx").on(t.receivedAt.desc()),
  ],
);

export const importKind = pgEnum("import_kind", ["clients", "orders"]);
export const importStatus = pgEnum("import_status", ["validating", "ready", "importing", "done", "failed"]);

export type ImportRowError = { row: number; errors: { field: string; message: string }[] };

/**
 * A CSV import: the uploaded file sits on disk; validation and import run in the background and
 * write their progress here, so the page can poll it and a reload shows where it is.
 */
export const importJobs = pgTable(
  "import_jobs",
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: importKind().notNull(),
    status: importStatus().notNull().default("validating"),
    fileName: text().notNull(),
    fileBytes: bigint({ mode: "number" }).notNull(),
    bytesValidated: bigint({ mode: "number" }).notNull().default(0),
    totalRows: integer().notNull().default(0),
    validRows: integer().notNull().default(0),
    invalidRows: integer().notNull().default(0),
    importedRows: integer().notNull().default(0),
    created: integer().notNull().default(0),
    updated: integer().notNull().default(0),
    unchanged: integer().notNull().default(0),
    columns: text().array().notNull().default(sql`'{}'::text[]`),
    previewRows: jsonb().$type<Record<string, string>[]>().notNull().default(sql`'[]'::jsonb`),
    errorSample: jsonb().$type<ImportRowError[]>().notNull().default(sql`'[]'::jsonb`),
    error: text(),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
    // Touched by the worker as it goes; a running job whose heartbeat stopped was interrupted.
    heartbeatAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true, mode: "date" }),
  },
  (t) => [index("import_jobs_created_idx").on(t.createdAt.desc())],
);

export type WebhookReceipt = typeof webhookReceipts.$inferSelect;
export type ImportJob = typeof importJobs.$inferSelect;
export type ImportKind = (typeof importKind.enumValues)[number];

/**
 * Each webhook sender's token bucket (API key or Shopify shop), shared by every server instance; see
 * lib/server/ingest/rate-buckets.ts. `granted` is what the last refill handed out.
 */
export const webhookRateBuckets = pgTable("webhook_rate_buckets", {
  sender: text().primaryKey(),
  tokens: doublePrecision().notNull(),
  granted: integer().notNull(),
  refilledAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
});
