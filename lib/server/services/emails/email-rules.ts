import "server-only";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { actorLabel, type Actor } from "@/lib/domain/access/policy";
import { assertTransition, changedSinceShown, type EmailState, IllegalTransitionError } from "@/lib/domain/email/lifecycle";
import { clientScopeWhere } from "@/lib/server/auth/permissions";
import type { Executor } from "@/lib/server/db/client";
import { clients, emailTransitions, type WinBackEmail, winBackEmails } from "@/lib/server/db/schema";
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

/**
 * A page's decision applies only to the email as the page showed it: `shownAt` is the email's updatedAt the page read
 * (pages send it with every form about the email). Left out (a script, a test), nothing is compared.
 */
export function assertShownAsIs(email: WinBackEmail, shownAt: Date | undefined): void {
  if (shownAt && shownAt.getTime() !== email.updatedAt.getTime()) throw new EmailChangedSinceShownError(email.state);
}

/** assertShownAsIs's refusal, with the state the email is in now: a bulk action tells an edit from a step taken. */
export class EmailChangedSinceShownError extends ConflictError {
  constructor(readonly stateNow: EmailState) {
    super(changedSinceShown(stateNow), "state");
  }
}

/** The form field that carries assertShownAsIs's moment: an ISO date-time, or nothing; its own parse parses again (an action hands the verb a parsed form). */
export const shownAtField = z.preprocess((v) => (v === "" ? undefined : v instanceof Date ? v.toISOString() : v), z.iso.datetime({ offset: true, error: "Reload the page: the form is missing when it was shown" }).transform((v) => new Date(v)).optional());

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

export function isOneInFlightViolation(error: unknown): boolean {
  const cause = (error as { cause?: unknown })?.cause ?? error;
  const pg = cause as { code?: string; constraint_name?: string };
  return pg?.code === "23505" && pg.constraint_name === "win_back_emails_one_in_flight_key";
}
