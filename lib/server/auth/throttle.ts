import "server-only";
import { and, eq, gt, lt, sql } from "drizzle-orm";
import type { Executor } from "@/lib/server/db/client";
import { signInFailures } from "@/lib/server/db/schema";

const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 20;

/**
 * Claims one password check for this account from this address, or answers false when either has failed
 * too often in the last 15 minutes. The claim is written as a failure at once, under a lock per account and
 * per address, so guesses sent together are counted before any of them is checked: at most
 * MAX_FAILURES_PER_ACCOUNT passwords are ever tried per window. A correct password clears the account's
 * failures (clearSignInFailures), the claim with them.
 */
export async function claimSignInAttempt(db: Executor, email: string, ip: string, now = new Date()): Promise<boolean> {
  return db.transaction(async (tx) => {
    // Always the account first, then the address, so two claims never wait on each other in a cycle.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`sign-in:account:${email}`}))`);
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`sign-in:address:${ip}`}))`);
    const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
    const [row] = await tx
      .select({
        byEmail: sql<number>`count(*) filter (where ${signInFailures.email} = ${email})::int`,
        byIp: sql<number>`count(*) filter (where ${signInFailures.ip} = ${ip})::int`,
      })
      .from(signInFailures)
      .where(and(gt(signInFailures.createdAt, since), sql`(${signInFailures.email} = ${email} or ${signInFailures.ip} = ${ip})`));
    if ((row?.byEmail ?? 0) >= MAX_FAILURES_PER_ACCOUNT || (row?.byIp ?? 0) >= MAX_FAILURES_PER_IP) return false;
    await tx.insert(signInFailures).values({ email, ip, createdAt: now });
    // Old rows are useless once outside the window; trimming here keeps the table small without a job.
    await tx.delete(signInFailures).where(lt(signInFailures.createdAt, new Date(now.getTime() - 2 * THROTTLE_WINDOW_MS)));
    return true;
  });
}

export async function clearSignInFailures(db: Executor, email: string) {
  await db.delete(signInFailures).where(eq(signInFailures.email, email));
}
