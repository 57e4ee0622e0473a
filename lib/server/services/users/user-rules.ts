import "server-only";
import { and, eq, isNull, ne, sql } from "drizzle-orm";
import type { Executor } from "@/lib/server/db/client";
import { users } from "@/lib/server/db/schema";
import { ConflictError, isUniqueViolation, NotFoundError } from "@/lib/server/errors";

export async function lockUser(tx: Executor, userId: string) {
  const [user] = await tx.select().from(users).where(eq(users.id, userId)).for("update");
  if (!user) throw new NotFoundError("User");
  return user;
}

/** Refuses a change that would leave no active admin to manage the app. */
export async function assertAnotherActiveAdmin(tx: Executor, userId: string) {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(and(eq(users.role, "admin"), isNull(users.deactivatedAt), ne(users.id, userId)));
  if ((row?.n ?? 0) === 0) throw new ConflictError("Rekindle needs at least one active admin. Make someone else an admin first.");
}

export function rethrowDuplicateUserEmail(error: unknown): never {
  if (isUniqueViolation(error, "users_email_lower_key")) throw new ConflictError("Someone already has an account with this email address.", "email");
  throw error;
}

/** A user row without its password hash, for audit rows and pages. */
export function publicUser<T extends { passwordHash: string | null }>(user: T): Omit<T, "passwordHash"> & { hasPassword: boolean } {
  const { passwordHash, ...rest } = user;
  return { ...rest, hasPassword: Boolean(passwordHash) };
}
