import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Actor } from "@/lib/domain/access/policy";
import { checkEligibility, type Eligibility } from "@/lib/domain/email/eligibility";
import { SENT_STATES } from "@/lib/domain/email/lifecycle";
import { clientScopeWhere } from "@/lib/server/auth/permissions";
import type { Executor } from "@/lib/server/db/client";
import { clients, emailSuppressions, users, type WinBackEmail, winBackEmails } from "@/lib/server/db/schema";
import { normaliseAddress } from "./email-rules";

export type SendCandidate = {
  email: WinBackEmail;
  client: { timezone: string; address: string; signature: string | null; stylistName: string | null };
  eligibility: Eligibility;
};

/**
 * The emails of a send batch the actor may see, locked for the rest of the transaction (in id order, so two batches
 * never deadlock), each with its client and the guards checked now: consent, suppression, the gap since the last
 * email, one win-back in flight. Four statements for the whole batch, not four per email.
 */
export async function lockSendCandidates(tx: Executor, actor: Actor, emailIds: readonly string[], input: { minDaysBetweenEmails: number; now: Date }): Promise<SendCandidate[]> {
  if (emailIds.length === 0) return [];
  const rows = await tx
    .select({ email: winBackEmails, timezone: clients.timezone, address: clients.email, consent: clients.marketingConsent, signature: users.emailSignature, stylistName: users.name })
    .from(winBackEmails)
    .innerJoin(clients, eq(clients.id, winBackEmails.clientId))
    .leftJoin(users, eq(users.id, clients.stylistId))
    .where(and(inArray(winBackEmails.id, [...emailIds]), clientScopeWhere(actor)))
    .orderBy(asc(winBackEmails.id))
    .for("update", { of: winBackEmails });
  if (rows.length === 0) return [];
  const clientIds = [...new Set(rows.map((r) => r.email.clientId))];
  const [suppressed, history] = await Promise.all([
    tx
      .select({ address: emailSuppressions.address })
      .from(emailSuppressions)
      .where(inArray(emailSuppressions.address, [...new Set(rows.map((r) => normaliseAddress(r.address)))])),
    tx.select({ id: winBackEmails.id, clientId: winBackEmails.clientId, state: winBackEmails.state, sentAt: winBackEmails.sentAt }).from(winBackEmails).where(inArray(winBackEmails.clientId, clientIds)),
  ]);
  const suppressedSet = new Set(suppressed.map((s) => s.address));
  return rows.map((row) => {
    const others = history.filter((h) => h.clientId === row.email.clientId && h.id !== row.email.id);
    const sentTimes = others.filter((o) => SENT_STATES.includes(o.state) && o.sentAt).map((o) => o.sentAt?.getTime() ?? 0);
    return {
      email: row.email,
      client: { timezone: row.timezone, address: row.address, signature: row.signature, stylistName: row.stylistName },
      eligibility: checkEligibility({
        marketingConsent: row.consent,
        suppressed: suppressedSet.has(normaliseAddress(row.address)),
        lastSentAt: sentTimes.length ? new Date(Math.max(...sentTimes)) : null,
        otherEmailStates: others.map((o) => o.state),
        minDaysBetweenEmails: input.minDaysBetweenEmails,
        now: input.now,
      }),
    };
  });
}
