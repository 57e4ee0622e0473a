import "server-only";
import { and, eq, gt, lt, sql } from "drizzle-orm";
import type { Executor } from "@/lib/server/db/client";
import { signInFailures } from "@/lib/server/db/schema";

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 20;

/** True when this account or this address has failed too often in the last 15 minutes. */
export async function isSignInThrottled(db: Executor, email: string, ip: string, now = new Date()): Promise<boolean> {
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const [row] = await db
    .select({
      byEmail: sql<number>`count(*) filter (where ${signInFailures.email} = ${email})::int`,
      byIp: sql<number>`count(*) filter (where ${signInFailures.ip} = ${ip})::int`,
    })
    .from(signInFailures)
    .where(and(gt(signInFailures.createdAt, since), sql`(${signInFailures.email} = ${email} or ${signInFailures.ip} = ${ip})`));
  return (row?.byEmail ?? 0) >= MAX_FAILURES_PER_ACCOUNT || (row?.byIp ?? 0) >= MAX_FAILURES_PER_IP;
}

export async function recordSignInFailure(db: Executor, email: string, ip: string) {
  await db.insert(signInFailures).values({ email, ip });
  // Old rows are useless once outside the window; trimming here keeps the table small without a job.
  await db.delete(signInFailures).where(lt(signInFailures.createdAt, new Date(Date.now() - 2 * THROTTLE_WINDOW_MS)));
}

export async function clearSignInFailures(db: Executor, email: string) {
  await db.delete(signInFailures).where(eq(signInFailures.email, email));
}
