import "server-only";
import { date, index, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { CONTACT_CHANNELS } from "@/lib/domain/today/contact-input";
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

/**
 * "Handled this week", kept as it happens: one row per slipping client per week (weeks start Monday 00:00 UTC) in
 * which they were snoozed, contacted (an email that counts as contact, or a logged call, text or visit) or ordered after
 * they slipped. Written by triggers on today_snoozes, win_back_emails, client_contacts and orders (beyond-drizzle.ts),
 * so every path that records one of those (verbs,
 * webhooks, imports) counts, in the same transaction. Today counts this week's rows rather than working out who was
 * handled from every order, snooze and email of the week on each view.
 */
export const todayHandled = pgTable(
  "today_handled",
  {
    clientId: uuid()
      .notNull()
      .references(() => clients.id, { onDelete: "cascade" }),
    week: date({ mode: "string" }).notNull(),
    /** The first way they were handled that week: "snoozed", "contacted" or "ordered". */
    reason: text().notNull(),
    handledAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.clientId, t.week] }), index("today_handled_week_idx").on(t.week, t.clientId)],
);

export const contactChannel = pgEnum("contact_channel", CONTACT_CHANNELS);

/**
 * Contact a stylist made outside Rekindle's emails and logged (a call, a text, a visit): Today counts it as contact, as
 * it does an email, and the client's timeline shows it (from its audit row, with the note).
 */
export const clientContacts = pgTable(
  "client_contacts",
  {
    id: uuid().primaryKey().defaultRandom(),
    clientId: uuid()
      .notNull()
      .references(() => clients.id, { onDelete: "cascade" }),
    loggedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    channel: contactChannel().notNull(),
    note: text(),
    contactedAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("client_contacts_client_at_idx").on(t.clientId, t.contactedAt.desc())],
);
