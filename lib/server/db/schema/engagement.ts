import { sql } from "drizzle-orm";
import { bigint, index, integer, jsonb, pgEnum, pgTable, real, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { clients } from "./clients";
import { users } from "./users";

export { engagementTier } from "./engagement-tier";
import { engagementTier } from "./engagement-tier";
export const scoringRunStatus = pgEnum("scoring_run_status", ["queued", "running", "succeeded", "failed"]);

/** One full rescoring: its as-of date, progress (rows done of total) and outcome, so a page reload shows where it is. */
export const scoringRuns = pgTable(
  "scoring_runs",
  {
    id: uuid().primaryKey().defaultRandom(),
    status: scoringRunStatus().notNull().default("queued"),
    asOf: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    total: integer().notNull().default(0),
    done: integer().notNull().default(0),
    modelFitId: uuid(),
    error: text(),
    startedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
    startedAt: timestamp({ withTimezone: true, mode: "date" }),
    finishedAt: timestamp({ withTimezone: true, mode: "date" }),
  },
  (t) => [index("scoring_runs_created_idx").on(t.createdAt.desc())],
);

/** A fitted churn model and when it was fitted, so every score can name the model it came from. */
export const modelFits = pgTable(
  "model_fits",
  {
    id: uuid().primaryKey().defaultRandom(),
    model: text().notNull(), // "bgnbd"
    version: text().notNull(),
    params: jsonb().$type<Record<string, number>>().notNull(),
    logLikelihood: real(),
    customers: integer().notNull(),
    distinctHistories: integer(),
    asOf: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    fittedAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("model_fits_model_fitted_idx").on(t.model, t.fittedAt.desc())],
);

/** A client's score as of one rescoring. The current values are copied onto clients for fast lists. */
export const engagementSnapshots = pgTable(
  "engagement_snapshots",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    clientId: uuid()
      .notNull()
      .references(() => clients.id, { onDelete: "cascade" }),
    runId: uuid().references(() => scoringRuns.id, { onDelete: "set null" }),
    asOf: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    score: smallint().notNull(),
    tier: engagementTier().notNull(),
    components: jsonb().$type<Record<string, number | null>>().notNull(),
    drivers: jsonb().$type<{ kind: string; effect: string; text: string }[]>().notNull().default(sql`'[]'::jsonb`),
    pAlive: real(),
    expectedOrders90d: real(),
    nextOrderExpectedAt: timestamp({ withTimezone: true, mode: "date" }),
    modelVersion: text().notNull(),
    createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("engagement_snapshots_client_idx").on(t.clientId, t.asOf.desc()), index("engagement_snapshots_run_idx").on(t.runId)],
);

/** One row each time a client's tier changes: the feed that later drives win-back emails. */
export const tierChanges = pgTable(
  "tier_changes",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    clientId: uuid()
      .notNull()
      .references(() => clients.id, { onDelete: "cascade" }),
    runId: uuid().references(() => scoringRuns.id, { onDelete: "set null" }),
    fromTier: engagementTier(),
    toTier: engagementTier().notNull(),
    score: smallint().notNull(),
    changedAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [index("tier_changes_client_idx").on(t.clientId, t.changedAt.desc()), index("tier_changes_changed_idx").on(t.changedAt.desc())],
);
