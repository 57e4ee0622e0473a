import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, gt, lt, sql } from "drizzle-orm";
import { env } from "@/lib/env";
import type { Executor } from "@/lib/server/db/client";
import { sessions, users } from "@/lib/server/db/schema";

/**
 * Sessions are signed cookies (JWT), but each carries the id of a row in `sessions` that must still exist:
 * signing out deletes the row, so a cookie copied before sign-out stops working at once, on every
 * instance. A session lasts at most SESSION_MAX_AGE_HOURS from sign-in.
 */
export async function startSession(db: Executor, userId: string, now = new Date()): Promise<string> {
  const sessionId = randomUUID();
  await db.insert(sessions).values({ sessionToken: sessionId, userId, expires: new Date(now.getTime() + env.SESSION_MAX_AGE_HOURS * 3600_000) });
  // Expired rows only take room; a sign-in is a fine moment to drop them (the table holds only live sign-ins).
  await db.delete(sessions).where(lt(sessions.expires, now));
  return sessionId;
}

export async function endSession(db: Executor, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.sessionToken, sessionId));
}

/** Ends every session of a user (deactivation), so reactivating later does not revive a copied cookie. */
export async function endUserSessions(db: Executor, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

/** The active user behind a live session, or null when the session ended, expired or belongs to someone else. */
export async function sessionUser(db: Executor, userId: string, sessionId: string) {
  const [row] = await db
    .select({ user: users })
    .from(users)
    .innerJoin(sessions, and(eq(sessions.userId, users.id), eq(sessions.sessionToken, sessionId), gt(sessions.expires, sql`now()`)))
    .where(eq(users.id, userId))
    .limit(1);
  return row && !row.user.deactivatedAt ? row.user : null;
}
