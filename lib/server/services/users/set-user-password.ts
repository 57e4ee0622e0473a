import "server-only";
import { eq } from "drizzle-orm";
import { setPasswordSchema } from "@/lib/domain/access/user-input";
import { writeAudit } from "@/lib/server/audit";
import { hashPassword } from "@/lib/server/auth/passwords";
import { authorize } from "@/lib/server/auth/permissions";
import { endUserSessions } from "@/lib/server/auth/sessions";
import type { VerbArgs } from "@/lib/server/context";
import { users, verificationTokens } from "@/lib/server/db/schema";
import { parseInput } from "@/lib/server/parse-input";
import { lockUser } from "./user-rules";

/**
 * Sets a person's password (an admin's reset, or how the demo password is replaced before a deployment). Every
 * session of theirs ends and every sign-in link already sent stops working, so whoever held the old password, a
 * stolen cookie or a link is signed out everywhere; an admin resetting their own signs in again with the new one.
 * The audit row records that it changed, never the password or its hash.
 */
export async function setUserPassword({ ctx, input }: VerbArgs<typeof setPasswordSchema>) {
  authorize(ctx.actor, "users.manage");
  const { userId, password } = parseInput(setPasswordSchema, input);
  const passwordHash = await hashPassword(password);
  return ctx.db.transaction(async (tx) => {
    const user = await lockUser(tx, userId);
    await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
    await endUserSessions(tx, userId);
    await tx.delete(verificationTokens).where(eq(verificationTokens.identifier, user.email));
    await writeAudit(tx, ctx.actor, { action: "user.password.set", entityType: "user", entityId: userId, after: { passwordChanged: true, sessionsEnded: true } });
    return { self: ctx.actor.type === "user" && ctx.actor.id === userId };
  });
}
