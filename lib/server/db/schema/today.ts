import "server-only";
import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { clients } from "./clients";
import { users } from "./users";

/**
 * A stylist setting a client aside on the Today list for a while, with the reason. Rows are kept after they run
 * out: they are the record of who was handled when ("handled this week").
 */
export const todaySnoozes = pgTable(
  "today_snoozes",
  {
    id: uuid().primaryKey().defaultRandom(),
    clientId: uuid()
      .notNull()
      .references(() => clients.id, { onDelete: "cascade" }),
    snoozedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    reason: text().notNull(),
    until: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("today_snoozes_client_until_idx").on(t.clientId, t.until.desc()), index("today_snoozes_created_idx").on(t.createdAt.desc())],
);
