import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Actor } from "@/lib/domain/access/policy";
import type { Eligibility } from "@/lib/domain/email/eligibility";
import { clientScopeWhere } from "@/lib/server/auth/permissions";
import type { Executor } from "@/lib/server/db/client";
import { clients, users, type WinBackEmail, winBackEmails } from "@/lib/server/db/schema";
import { eligibilityOf } from "@/lib/server/data/email-eligibility";

type SendCandidate = {
  email: WinBackEmail;
  client: { timezone: string; address: string; signature: string | null; stylistName: string | null };
  eligibility: Eligibility;
};

/**
 * The emails of a send batch the actor may see, locked for the rest of the transaction (in id order, so two batches
 * never deadlock), each with its client and the guards checked now: consent, suppression, an order since it was
 * drafted, the holdout, the gap since the last email, one win-back in flight (see eligibilityOf). Three statements for the whole batch, not three per email.
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
  const eligibility = await eligibilityOf(
    tx,
    rows.map((row) => ({ clientId: row.email.clientId, address: row.address, consent: row.consent, excludeEmailId: row.email.id })),
    input,
  );
  return rows.map((row, i) => {
    const checked = eligibility[i];
    if (!checked) throw new Error("no eligibility answered");
    return { email: row.email, client: { timezone: row.timezone, address: row.address, signature: row.signature, stylistName: row.stylistName }, eligibility: checked };
  });
}
