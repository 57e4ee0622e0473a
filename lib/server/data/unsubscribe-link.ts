import "server-only";
import { eq } from "drizzle-orm";
import { verifyUnsubscribeToken } from "@/lib/domain/email/unsubscribe-token";
import { serverSecret } from "@/lib/server/auth/server-secret";
import type { Executor } from "@/lib/server/db/client";
import { emailSuppressions, winBackEmails } from "@/lib/server/db/schema";
import { normaliseAddress } from "./email-eligibility";

type UnsubscribeLinkStatus = "invalid" | "subscribed" | "unsubscribed";

/**
 * What an unsubscribe link stands for, for its page (public: the signed token is the authority, and it tells only
 * whether its own address is suppressed): not one of ours (tampered or cut short), an address already unsubscribed
 * (or bounced), or one that may still be unsubscribed.
 */
export async function unsubscribeLinkStatus(db: Executor, token: string): Promise<UnsubscribeLinkStatus> {
  const emailId = verifyUnsubscribeToken(token, serverSecret());
  if (!emailId) return "invalid";
  const [email] = await db.select({ address: winBackEmails.toAddress }).from(winBackEmails).where(eq(winBackEmails.id, emailId)).limit(1);
  if (!email) return "invalid";
  const [suppressed] = await db.select({ address: emailSuppressions.address }).from(emailSuppressions).where(eq(emailSuppressions.address, normaliseAddress(email.address))).limit(1);
  return suppressed ? "unsubscribed" : "subscribed";
}
