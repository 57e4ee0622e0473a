import "server-only";
import { and, eq, inArray, max, ne, type SQL, sql } from "drizzle-orm";
import { checkEligibility, type Eligibility } from "@/lib/domain/email/eligibility";
import { DAY_MS } from "@/lib/domain/engagement/history";
import { SENT_STATES } from "@/lib/domain/email/lifecycle";
import type { StylistHandling } from "@/lib/domain/email/outreach";
import type { Executor } from "@/lib/server/db/client";
import { clients, emailSuppressions, orders, outreachAssignments, winBackEmails } from "@/lib/server/db/schema";
import { readSettings } from "@/lib/server/data/settings";
import { NotFoundError } from "@/lib/server/errors";

/** Whether the address (an SQL expression) is on the suppression list, compared as normaliseAddress stores it. */
export const addressSuppressed = (address: SQL) => sql`exists (select 1 from email_suppressions x where x.address = lower(btrim(${address})))`;

/** An address as suppressions store and compare it. */
export function normaliseAddress(address: string): string {
  return address.trim().toLowerCase();
}

/** Whose guards to check: a client, as read, and the email being sent (left out of "the others"), if any. */
type GuardSubject = { clientId: string; address: string; consent: boolean; excludeEmailId?: string };

/**
 * The guards for several clients right now, in five reads at once: consent, suppression, an order ever, an order since
 * the email being sent was drafted, the holdout, the gap since the last email, one win-back in flight (see checkEligibility). Outreach asks for one client; a send batch for up to 100.
 */
export async function eligibilityOf(tx: Executor, subjects: readonly GuardSubject[], input: { minDaysBetweenEmails: number; now: Date }): Promise<Eligibility[]> {
  if (subjects.length === 0) return [];
  const clientIds = [...new Set(subjects.map((s) => s.clientId))];
  const [suppressed, history, heldOutUntil, lastOrders] = await Promise.all([
    tx
      .select({ address: emailSuppressions.address })
      .from(emailSuppressions)
      .where(inArray(emailSuppressions.address, [...new Set(subjects.map((s) => normaliseAddress(s.address)))])),
    tx
      .select({ id: winBackEmails.id, clientId: winBackEmails.clientId, state: winBackEmails.state, sentAt: winBackEmails.sentAt, createdAt: winBackEmails.createdAt })
      .from(winBackEmails)
      .where(inArray(winBackEmails.clientId, clientIds)),
    holdoutWindowsOf(tx, clientIds),
    // Whether the client ever ordered, and when last (an email being sent compares it with its draft date).
    tx
      .select({ clientId: orders.clientId, at: max(orders.orderedAt) })
      .from(orders)
      .where(and(inArray(orders.clientId, clientIds), ne(orders.status, "cancelled")))
      .groupBy(orders.clientId),
  ]);
  const lastOrderAt = new Map(lastOrders.map((o) => [o.clientId, o.at]));
  const suppressedSet = new Set(suppressed.map((s) => s.address));
  return subjects.map((subject) => {
    const others = history.filter((h) => h.clientId === subject.clientId && h.id !== subject.excludeEmailId);
    const sentTimes = others.flatMap((o) => (SENT_STATES.includes(o.state) && o.sentAt ? [o.sentAt.getTime()] : []));
    return checkEligibility({
      marketingConsent: subject.consent,
      suppressed: suppressedSet.has(normaliseAddress(subject.address)),
      draftedAt: history.find((h) => h.id === subject.excludeEmailId)?.createdAt ?? null,
      lastOrderAt: lastOrderAt.get(subject.clientId) ?? null,
      heldOutUntil: heldOutUntil.get(subject.clientId) ?? null,
      lastSentAt: sentTimes.length ? new Date(Math.max(...sentTimes)) : null,
      otherEmailStates: [...new Set(others.map((o) => o.state))],
      minDaysBetweenEmails: input.minDaysBetweenEmails,
      now: input.now,
    });
  });
}

/** The earliest holdout assignment whose attribution window still runs at `now`. */
export const holdoutWindowStart = (now: Date, attributionDays: number) => sql`${now.toISOString()}::timestamptz - make_interval(days => ${attributionDays})`;

/** Whether the client `clientId` names is held out now: a holdout assignment of theirs within its window (see holdoutWindowsOf). */
export const inHoldoutWindow = (clientId: SQL, now: Date, attributionDays: number) =>
  sql`exists (select 1 from outreach_assignments a where a.client_id = ${clientId} and a."group" = 'holdout' and a.assigned_at > ${holdoutWindowStart(now, attributionDays)})`;

/**
 * Until when each client is held out of win-back emails: their latest holdout assignment's attribution window (the
 * holdout's promise: no win-back email, by outreach or by hand, while the window measures the client). Clients never
 * held out are missing; a window may have closed already.
 */
async function holdoutWindowsOf(tx: Executor, clientIds: readonly string[]): Promise<Map<string, Date>> {
  if (clientIds.length === 0) return new Map();
  const [holdouts, { attributionDays }] = await Promise.all([
    tx
      .select({ clientId: outreachAssignments.clientId, assignedAt: max(outreachAssignments.assignedAt) })
      .from(outreachAssignments)
      .where(and(inArray(outreachAssignments.clientId, [...clientIds]), eq(outreachAssignments.group, "holdout")))
      .groupBy(outreachAssignments.clientId),
    readSettings(tx, "win_back"),
  ]);
  return new Map(holdouts.flatMap((h) => (h.assignedAt ? [[h.clientId, new Date(h.assignedAt.getTime() + attributionDays * DAY_MS)] as const] : [])));
}

/** The guards for one client right now (see eligibilityOf). */
export async function clientEligibility(tx: Executor, input: { clientId: string; excludeEmailId?: string; minDaysBetweenEmails: number; now: Date }): Promise<Eligibility> {
  const [client] = await tx.select({ consent: clients.marketingConsent, email: clients.email }).from(clients).where(eq(clients.id, input.clientId)).limit(1);
  if (!client) throw new NotFoundError("Client");
  const [eligibility] = await eligibilityOf(tx, [{ clientId: input.clientId, address: client.email, consent: client.consent, excludeEmailId: input.excludeEmailId }], input);
  if (!eligibility) throw new Error("no eligibility answered");
  return eligibility;
}


/** What the client's stylist has done that outreach waits for (see stylistHandlingWait): latest logged contact, latest snooze end. */
export async function stylistHandlingOf(tx: Executor, clientId: string): Promise<StylistHandling> {
  const [row] = await tx.execute<{ contact_ms: number | null; snooze_ms: number | null }>(sql`
    select (select extract(epoch from max(k.contacted_at))::float8 * 1000 from client_contacts k where k.client_id = ${clientId}::uuid) as contact_ms,
      (select extract(epoch from max(z.until))::float8 * 1000 from today_snoozes z where z.client_id = ${clientId}::uuid) as snooze_ms`);
  const at = (ms: number | null | undefined) => (ms == null ? null : new Date(Math.round(Number(ms))));
  return { lastContactAt: at(row?.contact_ms), snoozedUntil: at(row?.snooze_ms) };
}
