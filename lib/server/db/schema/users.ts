import "server-only";
import { sql } from "drizzle-orm";
import { index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { timestamps } from "./columns";

export const userRole = pgEnum("user_role", ["admin", "marketer", "stylist"]);

/** People who sign in: admins, marketers and stylists. Shaped so the Auth.js Drizzle adapter can use it. */
export const users = pgTable(
  "users",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    email: text().notNull(),
    emailVerified: timestamp({ withTimezone: true, mode: "date" }),
    image: text(),
    role: userRole().notNull().default("stylist"),
    passwordHash: text(),
    deactivatedAt: timestamp({ withTimezone: true, mode: "date" }),
    // A stylist's sign-off under their emails, and a short note on their voice for the writer.
    emailSignature: text().notNull().default(""),
    voiceNote: text().notNull().default(""),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("users_email_lower_key").on(sql`lower(${t.email})`),
    index("users_role_idx").on(t.role),
  ],
);

export type User = typeof users.$inferSelect;
export type UserRole = (typeof userRole.enumValues)[number];
