import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { type AnyPgColumn, boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { timestamps } from "./columns";
import { users } from "./users";

export function lastOrderSortKey(column: AnyPgColumn | SQL) {
  return sql`coalesce(${column}, '-infinity'::timestamptz)`;
}

/** Unscored clients sort below every score (-1) and every probability (-1). */
export function scoreSortKey(column: AnyPgColumn | SQL) {
  return sql`coalesce(${column}, -1)`;
}

export function pAliveSortKey(column: AnyPgColumn | SQL) {
  return sql`coalesce(${column}, -1)`;
}

export const budgetBand = pgEnum("budget_band", ["under_50", "50_100", "100_200", "200_plus"]);

export type ClientSizes = { top?: string; bottom?: string; dress?: string; shoe?: string };

/**
 * Two triggers on this table live only in the migrations, since Drizzle has no triggers (see beyond-drizzle.ts):
 * an insert creates each client's client_scores row, a delete removes its snapshots and tier changes.
 */
export const clients = pgTable(
  "clients",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    email: text().notNull(),
    stylistId: uuid().references(() => users.id, { onDelete: "set null" }),
    sizes: jsonb().$type<ClientSizes>().notNull().default({}),
    preferredStyles: text().array().notNull().default(sql`'{}'::text[]`),
    budgetBand: budgetBand(),
    notes: text().notNull().default(""),
    marketingConsent: boolean().notNull().default(false),
    // Versions, as the sender's clock tells them (updated_at): a change older than the stored one is not applied.
    // Consent has its own, so that a later name change elsewhere cannot hide an earlier withdrawal of consent.
    profileVersion: timestamp({ withTimezone: true, mode: "date" }),
    consentVersion: timestamp({ withTimezone: true, mode: "date" }),
    timezone: text().notNull().default("UTC"),
    // Kept in step with orders by the order services so lists sort without aggregating.
    lastOrderAt: timestamp({ withTimezone: true, mode: "date" }),
    orderCount: integer().notNull().default(0),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("clients_email_lower_key").on(sql`lower(${t.email})`),
    index("clients_search_trgm_idx").using("gin", sql`(lower(${t.name} || ' ' || ${t.email})) gin_trgm_ops`),
    index("clients_name_idx").on(t.name, t.id),
    // Keyset pagination walks these in either direction; never-ordered clients sort as the oldest.
    index("clients_last_order_idx").on(lastOrderSortKey(t.lastOrderAt), t.id),
    index("clients_order_count_idx").on(t.orderCount, t.id),
    index("clients_stylist_name_idx").on(t.stylistId, t.name, t.id),
    index("clients_stylist_last_order_idx").on(t.stylistId, lastOrderSortKey(t.lastOrderAt), t.id),
    index("clients_stylist_order_count_idx").on(t.stylistId, t.orderCount, t.id),
  ],
);

export type Client = typeof clients.$inferSelect;
