import "server-only";
import { bigint, date, index, integer, pgTable, text, uuid } from "drizzle-orm/pg-core";

/**
 * Clients per tier and stylist as each full scoring run left them, one set of rows per day (a later run the same day
 * replaces them). The dashboard reads these few hundred rows instead of grouping a million scores per request; they
 * hold plain values, not a view on client_scores, so the run's drop-and-rename swap leaves them alone.
 */
export const tierCountsDaily = pgTable(
  "tier_counts_daily",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    day: date({ mode: "string" }).notNull(),
    // No foreign key: a deleted stylist's past counts stay as they were (their clients show as unassigned from then on).
    stylistId: uuid(),
    /** An engagement tier, or "unscored". */
    tier: text().notNull(),
    clients: integer().notNull(),
    scoreSum: bigint({ mode: "number" }).notNull(),
    /** Clients per score band of ten points: [0–9, 10–19, …, 90–100]. */
    scoreBands: integer().array().notNull(),
    /**
     * Revenue at risk in this tier: the sum of the clients' value at risk (client_scores.value_at_risk_cents) as the
     * run stored it; 0 for a run that filled in an earlier date (its scores never went live).
     */
    valueAtRiskCents: bigint({ mode: "number" }).notNull().default(0),
  },
  (t) => [index("tier_counts_daily_day_idx").on(t.day, t.stylistId)],
);
