import "server-only";
import { sql } from "drizzle-orm";
import { check, char, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { clients } from "./clients";
import { timestamps } from "./columns";

export const orderStatus = pgEnum("order_status", ["placed", "shipped", "returned", "cancelled"]);

/** A "fix": one box a stylist ships. Identified by the order system that sent it. */
export const orders = pgTable(
  "orders",
  {
    id: uuid().primaryKey().defaultRandom(),
    clientId: uuid()
      .notNull()
      .references(() => clients.id, { onDelete: "cascade" }),
    source: text().notNull(),
    externalId: text().notNull(),
    orderedAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    itemsShipped: integer().notNull(),
    itemsKept: integer().notNull(),
    valueCents: integer().notNull(),
    currency: char({ length: 3 }).notNull().default("USD"),
    status: orderStatus().notNull().default("placed"),
    // The sender's own last-modified time: an update older than this one is ignored.
    sourceUpdatedAt: timestamp({ withTimezone: true, mode: "date" }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("orders_source_external_key").on(t.source, t.externalId),
    index("orders_client_ordered_idx").on(t.clientId, t.orderedAt.desc()),
    index("orders_ordered_at_idx").on(t.orderedAt),
    check("orders_items_kept_le_shipped", sql`${t.itemsKept} >= 0 AND ${t.itemsKept} <= ${t.itemsShipped}`),
    check("orders_value_nonnegative", sql`${t.valueCents} >= 0`),
  ],
);

export type Order = typeof orders.$inferSelect;
export type OrderStatus = (typeof orderStatus.enumValues)[number];
