import "server-only";
import { eq } from "drizzle-orm";
import { setPasswordSchema } from "@/lib/domain/access/user-input";
import { writeAudit } from "@/lib/server/audit";
import { hashPassword } from "@/lib/server/auth/passwords";
import { authorize } from "@/lib/server/auth/permissions";
import { endUserSessions } from "@/lib/server/auth/sessions";
import type { VerbArgs } from "@/lib/server/context";
import { users } from "@/lib/server/db/schema";
import { parseInput } from "@/lib/server/parse-input";
import { lockUser } from "./user-rules";

/**
 * Sets a person's password (an admin's reset, or how the demo password is replaced before a deployment). Someone
 * else's reset ends that person's sessions, so whoever held the old password is signed out everywhere; an admin
 * setting their own keeps their session. The audit row records that it changed, never the password or its hash.
 */
export async function setUserPassword({ ctx, input }: VerbArgs<typeof setPasswordSchema>) {
  authorize(ctx.actor, "users.manage");
  const { userId, password } = parseInput(setPasswordSchema, input);
  const passwordHash = await hashPassword(password);
  return ctx.db.transaction(async (tx) => {
    await lockUser(tx, userId);
    await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
    const signedOut = !(ctx.actor.type === "user" && ctx.actor.id === userId);
    if (signedOut) await endUserSessions(tx, userId);
    await writeAudit(tx, ctx.actor, { action: "user.password.set", entityType: "user", entityId: userId, after: { passwordChanged: true, sessionsEnded: signedOut } });
    return { signedOut };
  });
}
