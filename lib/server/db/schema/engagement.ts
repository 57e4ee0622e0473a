import "server-only";
import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, jsonb, pgEnum, pgTable, real, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { clients, pAliveSortKey, scoreSortKey } from "./clients";
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
    // Whether the run scored with a model an earlier run fitted within the week (see mayReuseModelFit) rather than fit one.
    modelReused: boolean().notNull().default(false),
    error: text(),
    startedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
    startedAt: timestamp({ withTimezone: true, mode: "date" }),
    finishedAt: timestamp({ withTimezone: true, mode: "date" }),
    // When a step of the run last made progress: a run "running" with none for a while was abandoned (see queueFullRescore).
    progressedAt: timestamp({ withTimezone: true, mode: "date" }),
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

const UNIQUE_KEYS = { deduplicate_items: false };

/**
 * Each client's current engagement: the latest assessment, one row per client (created with the client by a
 * trigger, so lists join it without outer joins). Kept apart from clients because a full rescoring rewrites every
 * row: it loads a fresh copy of this narrow table and swaps it in, instead of updating a wide, heavily indexed one.
 */
export const clientScores = pgTable(
  "client_scores",
  {
    // The database's key is PRIMARY KEY (client_id) INCLUDE (tier, scored_at), which Drizzle cannot say (see
    // beyond-drizzle.ts, drizzle/0006): a full run reads each client's last tier and date from the key alone.
    clientId: uuid()
      .primaryKey()
      .references(() => clients.id, { onDelete: "cascade" }),
    score: smallint(),
    tier: engagementTier(),
    pAlive: real(),
    /** The chance of an order in 90 days the score's outlook used (the model's, recalibrated): what the list filters on. */
    pOrder90d: real(),
    /**
     * When the next order is due by the client's rhythm, last order + usual gap (nextOrderDueMs): the list's "overdue"
     * filter. Rows scored before this meaning held the model's forecast, which never lies in the past; the next full
     * run rewrites them.
     */
    nextOrderExpectedAt: timestamp({ withTimezone: true, mode: "date" }),
    scoredAt: timestamp({ withTimezone: true, mode: "date" }),
    /** The chance of no order in 90 days times the average kept value (valueAtRiskCents), for Today and revenue at risk. */
    valueAtRiskCents: real(),
  },
  // A list sorted by score or P(alive) walks these, one tier at a time (see listClients), so a tier filter never skips
  // past the other tiers and a full run rebuilds two sort indexes rather than four. Every key ends in the client id,
  // so no two are equal and deduplication would only cost rebuild time.
  (t) => [
    index("client_scores_tier_score_idx").on(t.tier, scoreSortKey(t.score), t.clientId).with(UNIQUE_KEYS),
    index("client_scores_tier_p_alive_idx").on(t.tier, pAliveSortKey(t.pAlive), t.clientId).with(UNIQUE_KEYS),
    // Unscored clients (tier null): `tier is null` fixes no sort order in the tier indexes above (only `=` does), so a
    // freshly imported million sorted by score would be sorted in full; these partial indexes walk them in order.
    index("client_scores_unscored_score_idx").on(scoreSortKey(t.score), t.clientId).with(UNIQUE_KEYS).where(sql`${t.tier} is null`),
    index("client_scores_unscored_p_alive_idx").on(pAliveSortKey(t.pAlive), t.clientId).with(UNIQUE_KEYS).where(sql`${t.tier} is null`),
    // Today walks this from the top: slipping clients by value at risk. Partial, so it holds only the slipping tiers;
    // the swap rebuilds it on the fresh copy like every index of the live table.
    index("client_scores_slipping_value_idx")
      .on(t.valueAtRiskCents.desc().nullsLast(), t.clientId)
      .with(UNIQUE_KEYS)
      .where(sql`${t.tier} in ('at_risk', 'lapsed')`),
  ],
);

/**
 * A client's score as of one rescoring. Written in bulk (a million rows a night), so it carries no foreign keys to
 * check row by row: a trigger on clients removes a deleted client's snapshots. The drivers are not stored; they
 * follow from the same history and are recomputed for the one client a page shows.
 */
export const engagementSnapshots = pgTable(
  "engagement_snapshots",
  {
    clientId: uuid().notNull(),
    runId: uuid(),
    asOf: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    score: smallint().notNull(),
    tier: engagementTier().notNull(),
    // The score's components (0–100; null when the history cannot measure one), as columns: a million rows
    // a night parse far faster as integers than as JSON.
    recency: smallint(),
    frequency: smallint(),
    value: smallint(),
    keepRate: smallint(),
    pAlive: real(),
    expectedOrders90d: real(),
    /** When the next order was due by the client's rhythm as of the snapshot (as client_scores keeps it). */
    nextOrderExpectedAt: timestamp({ withTimezone: true, mode: "date" }),
    modelFitId: uuid(),
    modelVersion: text().notNull(),
  },
  (t) => [
    // Partitioned by run (LIST on run_id; Drizzle does not model partitions, see beyond-drizzle.ts): each full run loads
    // its rows into a table of its own, frozen and without indexes, builds this index on it at once and attaches it
    // when its scores go live (see run-snapshots.ts). Snapshots written one client at a time (no run) are in the
    // partition for NULL. A client's history is one probe of this index per partition.
    index("engagement_snapshots_client_idx").on(t.clientId).with(UNIQUE_KEYS),
  ],
);

/** One row each time a client's tier changes: the feed that later drives win-back emails. */
export const tierChanges = pgTable(
  "tier_changes",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    // No foreign keys, like the snapshots: a night's thousands of changes are inserted inside the swap's lock, where
    // checking each against clients and scoring_runs cost 45 µs a row. The insert joins clients itself, and a
    // trigger on clients removes a deleted client's changes.
    clientId: uuid().notNull(),
    runId: uuid(),
    fromTier: engagementTier(),
    toTier: engagementTier().notNull(),
    score: smallint().notNull(),
    changedAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [index("tier_changes_client_idx").on(t.clientId, t.changedAt.desc()), index("tier_changes_changed_idx").on(t.changedAt.desc())],
);
