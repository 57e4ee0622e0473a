import "server-only";
import { eq } from "drizzle-orm";
import { setPasswordSchema } from "@/lib/domain/access/user-input";
import { writeAudit } from "@/lib/server/audit";
import { hashPassword } from "@/lib/server/auth/passwords";
import { authorize } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";
import { users } from "@/lib/server/db/schema";
import { parseInput } from "@/lib/server/parse-input";
import { lockUser } from "./user-rules";

/** Sets a new password. The audit row records that it changed, never the password or its hash. */
export async function setUserPassword({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  authorize(ctx.actor, "users.manage");
  const { userId, password } = parseInput(setPasswordSchema, input);
  const passwordHash = await hashPassword(password);
  await ctx.db.transaction(async (tx) => {
    await lockUser(tx, userId);
    await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
    await writeAudit(tx, ctx.actor, { action: "user.password.set", entityType: "user", entityId: userId, after: { passwordChanged: true } });
  });
}
