import "server-only";
import { and, eq, inArray, max } from "drizzle-orm";
import { actorLabel, type Actor } from "@/lib/domain/access/policy";
import { checkEligibility, type Eligibility } from "@/lib/domain/email/eligibility";
import { DAY_MS } from "@/lib/domain/engagement/history";
import { assertTransition, type EmailState, IllegalTransitionError, SENT_STATES } from "@/lib/domain/email/lifecycle";
import { clientScopeWhere } from "@/lib/server/auth/permissions";
import type { Executor } from "@/lib/server/db/client";
import { clients, emailSuppressions, emailTransitions, outreachAssignments, type WinBackEmail, winBackEmails } from "@/lib/server/db/schema";
import { readSettings } from "@/lib/server/data/settings";
import { ConflictError, NotFoundError } from "@/lib/server/errors";

/** Loads an email whose client the actor may see, locked for the rest of the transaction; a guessed id is not found. */
export async function lockEmailInScope(tx: Executor, actor: Actor, emailId: string): Promise<WinBackEmail> {
  const [row] = await tx
    .select({ email: winBackEmails })
    .from(winBackEmails)
    .innerJoin(clients, eq(clients.id, winBackEmails.clientId))
    .where(and(eq(winBackEmails.id, emailId), clientScopeWhere(actor)))
    .for("update", { of: winBackEmails })
    .limit(1);
  if (!row) throw new NotFoundError("Email");
  return row.email;
}

type EmailChanges = Partial<Omit<typeof winBackEmails.$inferInsert, "id" | "state" | "clientId">>;

/**
 * Moves an email along its lifecycle and records who did it. An illegal move is a conflict (409), never a silent
 * change: the domain's state machine decides.
 */
export async function moveEmail(tx: Executor, actor: Actor, email: WinBackEmail, to: EmailState, options: { reason?: string | null; set?: EmailChanges } = {}): Promise<WinBackEmail> {
  try {
    assertTransition(email.state, to);
  } catch (error) {
    if (error instanceof IllegalTransitionError) throw new ConflictError(error.message, "state");
    throw error;
  }
  const [updated] = await tx
    .update(winBackEmails)
    .set({ ...options.set, state: to })
    .where(and(eq(winBackEmails.id, email.id), eq(winBackEmails.state, email.state)))
    .returning();
  if (!updated) throw new ConflictError("The email changed meanwhile. Reload and try again.", "state");
  await recordTransition(tx, actor, email.id, email.state, to, options.reason ?? null);
  return updated;
}

export async function recordTransition(tx: Executor, actor: Actor, emailId: string, from: EmailState | null, to: EmailState, reason: string | null) {
  await recordTransitions(tx, actor, [{ emailId, from, to, reason }]);
}

/** Records several emails' moves (a send batch's) in one statement. */
export async function recordTransitions(tx: Executor, actor: Actor, moves: readonly { emailId: string; from: EmailState | null; to: EmailState; reason: string | null }[]) {
  if (moves.length === 0) return;
  const actorId = actor.type === "user" ? actor.id : null;
  await tx.insert(emailTransitions).values(moves.map((m) => ({ emailId: m.emailId, fromState: m.from, toState: m.to, actorId, actorLabel: actorLabel(actor), reason: m.reason })));
}

export function normaliseAddress(address: string): string {
  return address.trim().toLowerCase();
}

/** Whose guards to check: a client, as read, and the email being sent (left out of "the others"), if any. */
export type GuardSubject = { clientId: string; address: string; consent: boolean; excludeEmailId?: string };

/**
 * The guards for several clients right now, in four reads at once: consent, suppression, the holdout, the gap since the
 * last email, one win-back in flight (see checkEligibility). Outreach asks for one client; a send batch for up to 100.
 */
export async function eligibilityOf(tx: Executor, subjects: readonly GuardSubject[], input: { minDaysBetweenEmails: number; now: Date }): Promise<Eligibility[]> {
  if (subjects.length === 0) return [];
  const clientIds = [...new Set(subjects.map((s) => s.clientId))];
  const [suppressed, history, heldOutUntil] = await Promise.all([
    tx
      .select({ address: emailSuppressions.address })
      .from(emailSuppressions)
      .where(inArray(emailSuppressions.address, [...new Set(subjects.map((s) => normaliseAddress(s.address)))])),
    tx
      .select({ id: winBackEmails.id, clientId: winBackEmails.clientId, state: winBackEmails.state, sentAt: winBackEmails.sentAt })
      .from(winBackEmails)
      .where(inArray(winBackEmails.clientId, clientIds)),
    holdoutWindowsOf(tx, clientIds),
  ]);
  const suppressedSet = new Set(suppressed.map((s) => s.address));
  return subjects.map((subject) => {
    const others = history.filter((h) => h.clientId === subject.clientId && h.id !== subject.excludeEmailId);
    const sentTimes = others.flatMap((o) => (SENT_STATES.includes(o.state) && o.sentAt ? [o.sentAt.getTime()] : []));
    return checkEligibility({
      marketingConsent: subject.consent,
      suppressed: suppressedSet.has(normaliseAddress(subject.address)),
      heldOutUntil: heldOutUntil.get(subject.clientId) ?? null,
      lastSentAt: sentTimes.length ? new Date(Math.max(...sentTimes)) : null,
      otherEmailStates: [...new Set(others.map((o) => o.state))],
      minDaysBetweenEmails: input.minDaysBetweenEmails,
      now: input.now,
    });
  });
}

/**
 * Until when each client is held out of win-back emails: their latest holdout assignment's attribution window (the
 * holdout's promise: no win-back email, by outreach or by hand, while the window measures the client). Clients never
 * held out are missing; a window may have closed already.
 */
export async function holdoutWindowsOf(tx: Executor, clientIds: readonly string[]): Promise<Map<string, Date>> {
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

export function isOneInFlightViolation(error: unknown): boolean {
  const cause = (error as { cause?: unknown })?.cause ?? error;
  const pg = cause as { code?: string; constraint_name?: string };
  return pg?.code === "23505" && pg.constraint_name === "win_back_emails_one_in_flight_key";
}
