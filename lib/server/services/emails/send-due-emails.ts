import "server-only";
import { and, asc, eq, lte } from "drizzle-orm";
import { z } from "zod";
import { authorize } from "@/lib/server/auth/permissions";
import type { VerbArgs } from "@/lib/server/context";
import { winBackEmails } from "@/lib/server/db/schema";
import { parseInput } from "@/lib/server/parse-input";
import { readSettings } from "@/lib/server/data/settings";
import { type SendOutcome, sendWinBackEmail } from "./send-win-back-email";

export const sendDueSchema = z.object({ limit: z.number().int().min(1).max(10_000).default(500) });

/**
 * Sends every scheduled email whose time has come, at most the configured rate a second (Resend's account limit
 * stays the ceiling). What a scheduled job runs; each email is its own send, so one failure stops nothing else.
 */
export async function sendDueEmails({ ctx, input, now = () => new Date() }: VerbArgs<typeof sendDueSchema> & { now?: () => Date }) {
  authorize(ctx.actor, "emails.write");
  const { limit } = parseInput(sendDueSchema, input);
  const settings = await readSettings(ctx.db, "win_back");
  const due = await ctx.db
    .select({ id: winBackEmails.id })
    .from(winBackEmails)
    .where(and(eq(winBackEmails.state, "scheduled"), lte(winBackEmails.scheduledFor, now())))
    .orderBy(asc(winBackEmails.scheduledFor))
    .limit(limit);
  const counts: Record<SendOutcome["outcome"], number> = { sent: 0, deferred: 0, blocked: 0, failed: 0 };
  const gapMs = 1000 / settings.sendRatePerSecond;
  let next = Date.now();
  for (const { id } of due) {
    const wait = next - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    next = Math.max(next, Date.now()) + gapMs;
    const result = await sendWinBackEmail({ ctx, input: { emailId: id }, now: now() });
    counts[result.outcome]++;
  }
  return counts;
}
