import "server-only";
import { date, integer, pgTable, unique, uuid } from "drizzle-orm/pg-core";
import { emailState } from "./emails";
import { engagementTier } from "./engagement-tier";

/**
 * Win-back emails per day drafted, stylist, tier and current state: what the overview's email figures and their
 * breakdowns by tier and by stylist add up, a few rows per day instead of every email in the range. Kept by triggers
 * (beyond-drizzle.ts) as emails are drafted, change state or go, and as clients move to another stylist, in the same
 * transaction. No foreign keys: a stylist who goes keeps their rows until their clients move.
 */
export const emailStatsDaily = pgTable(
  "email_stats_daily",
  {
    day: date({ mode: "string" }).notNull(),
    stylistId: uuid(),
    tier: engagementTier(),
    state: emailState().notNull(),
    emails: integer().notNull(),
  },
  (t) => [unique("email_stats_daily_key").on(t.day, t.stylistId, t.tier, t.state).nullsNotDistinct()],
);

/** Opens and clicks received per day and stylist (the overview's activity chart), kept by triggers like emailStatsDaily. */
export const emailActivityDaily = pgTable(
  "email_activity_daily",
  {
    day: date({ mode: "string" }).notNull(),
    stylistId: uuid(),
    opened: integer().notNull(),
    clicked: integer().notNull(),
  },
  (t) => [unique("email_activity_daily_key").on(t.day, t.stylistId).nullsNotDistinct()],
);
