import "server-only";
import { authorize } from "@/lib/server/auth/permissions";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { sendBatchKey } from "@/lib/domain/email/send-batch";
import type { VerbArgs } from "@/lib/server/context";
import { type WinBackEmail, winBackEmails } from "@/lib/server/db/schema";
import { NotFoundError } from "@/lib/server/errors";
import { parseInput } from "@/lib/server/parse-input";
import { claimSendBatch } from "./claim-send-batch";
import { deliverSendBatch } from "./deliver-send-batch";

export const sendSchema = z.object({ emailId: z.uuid("Unknown email") });

type SendOutcome =
  | { outcome: "sent"; email: WinBackEmail }
  | { outcome: "deferred"; until: Date }
  | { outcome: "blocked"; reason: string }
  | { outcome: "failed"; error: string }
  | { outcome: "skipped"; state: WinBackEmail["state"] };

/**
 * Sends one scheduled email now ("Send now"): a batch of one through the same path as bulk sends (claimSendBatch,
 * then deliverSendBatch), so the guards run again right before delivery, the daytime window holds, and a retry is
 * sent under the same key and delivered once. An email already sent, or discarded meanwhile, is skipped.
 */
export async function sendWinBackEmail({ ctx, input, now = new Date() }: VerbArgs<typeof sendSchema> & { now?: Date }): Promise<SendOutcome> {
  authorize(ctx.actor, "emails.write");
  const { emailId } = parseInput(sendSchema, input);
  const batch = { emailIds: [emailId], batchKey: sendBatchKey([emailId]) };
  const claim = await claimSendBatch({ ctx, input: batch, now });
  if (claim.missing.length) throw new NotFoundError("Email");
  const [deferred] = claim.deferred;
  if (deferred) return { outcome: "deferred", until: new Date(deferred.until) };
  const [blocked] = claim.blocked;
  if (blocked) return { outcome: "blocked", reason: blocked.reason };
  const [skipped] = claim.skipped;
  if (skipped) return { outcome: "skipped", state: skipped.state };
  const delivered = await deliverSendBatch({ ctx, input: batch });
  if (delivered.failed.length > 0) return { outcome: "failed", error: delivered.error ?? "not sent" };
  const [email] = await ctx.db.select().from(winBackEmails).where(eq(winBackEmails.id, emailId));
  if (!email) throw new NotFoundError("Email");
  return { outcome: "sent", email };
}
