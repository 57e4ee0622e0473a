import "server-only";
import { sql } from "drizzle-orm";
import { bigint, boolean, index, jsonb, pgEnum, pgTable, real, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { EMAIL_STATES } from "@/lib/domain/email/lifecycle";
import type { OutgoingEmail } from "@/lib/server/mail/send-email";
import { clients } from "./clients";
import { timestamps } from "./columns";
import { engagementTier } from "./engagement-tier";
import { users } from "./users";

export const emailState = pgEnum("email_state", EMAIL_STATES);
/** Who wrote the draft: the configured model, the offline writer by choice (no key), or the offline writer after the model failed. */
export const emailWriter = pgEnum("email_writer", ["model", "offline", "offline_fallback", "person"]);
export const emailOrigin = pgEnum("email_origin", ["stylist", "outreach"]);

/** A win-back email from draft to its last delivery event. Its state only changes through the lifecycle in lib/domain/email. */
export const winBackEmails = pgTable(
  "win_back_emails",
  {
    id: uuid().primaryKey().defaultRandom(),
    clientId: uuid()
      .notNull()
      .references(() => clients.id, { onDelete: "cascade" }),
    state: emailState().notNull().default("draft"),
    origin: emailOrigin().notNull(),
    tier: engagementTier(),
    subject: text().notNull(),
    preheader: text().notNull().default(""),
    body: text().notNull(),
    callToAction: text().notNull(),
    factsUsed: jsonb().$type<string[]>().notNull().default([]),
    writer: emailWriter().notNull(),
    model: text(),
    /** Why the offline writer stood in (shown on the draft), or null. */
    writerNote: text(),
    toAddress: text().notNull(),
    /** When a person or the auto-send policy last approved it (cleared when an edit takes it back to draft): for an
     * outreach draft, the moment it counts as contact on Today. */
    approvedAt: timestamp({ withTimezone: true, mode: "date" }),
    scheduledFor: timestamp({ withTimezone: true, mode: "date" }),
    sentAt: timestamp({ withTimezone: true, mode: "date" }),
    providerId: text(),
    transport: text(),
    /** The send batch that claimed the email (its idempotency key with Resend): a retry of that batch sends it again under the same key, no other batch does. */
    sendBatch: text(),
    /**
     * The message as its send batch first composed it: a retry of the batch sends these very bytes, since Resend
     * refuses a key used again with another payload (brand settings or a signature changed meanwhile). Cleared once
     * the batch's outcome is recorded.
     */
    outgoing: jsonb().$type<OutgoingEmail>(),
    discardReason: text(),
    lastError: text(),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    ...timestamps,
  },
  (t) => [
    index("win_back_emails_client_idx").on(t.clientId, t.createdAt.desc()),
    index("win_back_emails_state_idx").on(t.state, t.createdAt.desc()),
    // Email analytics count per tier and state, and per week of sending, from these rather than scans.
    index("win_back_emails_tier_state_idx").on(t.tier, t.state),
    index("win_back_emails_sent_idx").on(t.sentAt).where(sql`${t.sentAt} is not null`),
    index("win_back_emails_due_idx").on(t.scheduledFor).where(sql`${t.state} = 'scheduled'`),
    // At most one win-back on its way per client, even when two drafts race.
    uniqueIndex("win_back_emails_one_in_flight_key").on(t.clientId).where(sql`${t.state} in ('draft', 'approved', 'scheduled', 'sending')`),
  ],
);

/** Every change of an email's state, and who or what made it. */
export const emailTransitions = pgTable(
  "email_transitions",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    emailId: uuid()
      .notNull()
      .references(() => winBackEmails.id, { onDelete: "cascade" }),
    fromState: emailState(),
    toState: emailState().notNull(),
    actorId: uuid().references(() => users.id, { onDelete: "set null" }),
    actorLabel: text().notNull(),
    reason: text(),
    at: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("email_transitions_email_idx").on(t.emailId, t.at)],
);

/** Resend's webhook deliveries, kept whether or not they name an email we know (svix-id makes a replay a no-op). */
export const emailEvents = pgTable(
  "email_events",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    deliveryId: text().notNull().unique(),
    emailId: uuid().references(() => winBackEmails.id, { onDelete: "set null" }),
    providerId: text(),
    type: text().notNull(),
    payload: jsonb().notNull(),
    receivedAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("email_events_email_idx").on(t.emailId), index("email_events_type_idx").on(t.type, t.receivedAt)],
);

export const suppressionReason = pgEnum("suppression_reason", ["unsubscribed", "bounced", "complained", "manual"]);

/** Addresses we never send marketing email to again. Keyed by the lower-cased address. */
export const emailSuppressions = pgTable("email_suppressions", {
  address: text().primaryKey(),
  reason: suppressionReason().notNull(),
  emailId: uuid().references(() => winBackEmails.id, { onDelete: "set null" }),
  createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

export const outreachGroup = pgEnum("outreach_group", ["emailed", "holdout"]);

/**
 * Each time a client enters win-back: the group they were assigned (emailed or held out), so win-back rates of the
 * two groups come from one query over these rows and the orders after them.
 */
export const outreachAssignments = pgTable(
  "outreach_assignments",
  {
    id: uuid().primaryKey().defaultRandom(),
    clientId: uuid()
      .notNull()
      .references(() => clients.id, { onDelete: "cascade" }),
    tier: engagementTier().notNull(),
    group: outreachGroup().notNull(),
    emailId: uuid().references(() => winBackEmails.id, { onDelete: "set null" }),
    score: real(),
    /**
     * The chance of being held out when this client was assigned (the holdout share then in force): the uplift
     * compares groups within each share, since a share changed mid-range would otherwise pass for an effect.
     */
    holdoutShare: real().notNull(),
    /**
     * Made for a demo tier override (Settings → Demo), not a tier the client was scored into: never measured, and
     * the client's first real entry after it still is (see outreach_previous_entries).
     */
    demo: boolean().notNull().default(false),
    /** The tier change (or first score) this assignment answers: one assignment per entry into win-back. */
    enteredAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    assignedAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
    // Kept by triggers (beyond-drizzle.ts), so win-back rates read these rows alone, not the emails, the clients and
    // every client's orders: the client's stylist; the first order at or after the assignment (both groups' windows
    // open at the assignment: intent to treat, so an emailed client counts whether or not their email went out); and
    // the client's previous assignment, so the measure takes each client once, by their first assignment ever.
    stylistId: uuid(),
    firstOrderAt: timestamp({ withTimezone: true, mode: "date" }),
    previousAssignedAt: timestamp({ withTimezone: true, mode: "date" }),
  },
  (t) => [
    uniqueIndex("outreach_assignments_entry_key").on(t.clientId, t.enteredAt),
    index("outreach_assignments_assigned_idx").on(t.assignedAt),
    index("outreach_assignments_email_idx").on(t.emailId),
    // Everything a win-back count reads, in the key: index-only scans over a date range, overall or per stylist.
    index("outreach_assignments_results_idx").on(t.assignedAt, t.group, t.firstOrderAt, t.previousAssignedAt, t.holdoutShare),
    index("outreach_assignments_stylist_results_idx").on(t.stylistId, t.assignedAt, t.group, t.firstOrderAt, t.previousAssignedAt, t.holdoutShare),
  ],
);

export type WinBackEmail = typeof winBackEmails.$inferSelect;

/**
 * The send pacer: one row holding the next free moment to hand to Resend, so sends across every function run and
 * instance keep to the configured rate (each send reserves the next slot and sleeps until it, durably).
 */
export const emailSendPacer = pgTable("email_send_pacer", {
  id: smallint().primaryKey(),
  nextAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
});
