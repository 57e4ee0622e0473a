import "server-only";
import { index, pgTable, timestamp, uuid } from "drizzle-orm/pg-core";
import { clients } from "./clients";
import { engagementTier } from "./engagement-tier";
import { users } from "./users";

/**
 * A demo's override of one client's tier for a few days (Settings → Demo, admin only). Kept apart from the scores:
 * only the pages read it, as a marked overlay, so it never reaches the model fit, the weight learning, the backtest
 * or a full run's tier changes. At most one per client; a row past `expiresAt` counts for nothing and the nightly
 * sweep deletes it.
 */
export const demoTierOverrides = pgTable(
  "demo_tier_overrides",
  {
    clientId: uuid()
      .primaryKey()
      .references(() => clients.id, { onDelete: "cascade" }),
    tier: engagementTier().notNull(),
    /** The tier the client showed when the override was set (their scored tier, or an earlier override's). */
    fromTier: engagementTier().notNull(),
    setBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [index("demo_tier_overrides_expires_idx").on(t.expiresAt)],
);
