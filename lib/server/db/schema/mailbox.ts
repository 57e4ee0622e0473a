import "server-only";
import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** Where email goes when no RESEND_API_KEY is set: the local mailbox stands where Resend stands. */
export const localMailbox = pgTable(
  "local_mailbox",
  {
    id: uuid().primaryKey().defaultRandom(),
    idempotencyKey: text().unique(),
    from: text().notNull(),
    to: text().array().notNull(),
    subject: text().notNull(),
    html: text().notNull(),
    text: text(),
    tags: jsonb().$type<Record<string, string>>(),
    headers: jsonb().$type<Record<string, string>>(),
    createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("local_mailbox_created_idx").on(t.createdAt.desc())],
);
