import "server-only";
import { eq } from "drizzle-orm";
import { setActiveSchema } from "@/lib/domain/access/user-input";
import { writeAudit } from "@/lib/server/audit";
import { authorize } from "@/lib/server/auth/permissions";
import { endUserSessions } from "@/lib/server/auth/sessions";
import type { ServiceContext } from "@/lib/server/context";
import { users } from "@/lib/server/db/schema";
import { ConflictError } from "@/lib/server/errors";
import { parseInput } from "@/lib/server/parse-input";
import { assertAnotherActiveAdmin, lockUser, publicUser } from "./user-rules";

/** Deactivates or reactivates a user. Deactivation ends the user's sessions: they stop working on their next request, for good. */
export async function setUserActive({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  authorize(ctx.actor, "users.manage");
  const { userId, active } = parseInput(setActiveSchema, input);
  if (!active && ctx.actor.type === "user" && ctx.actor.id === userId) throw new ConflictError("You cannot deactivate your own account.");
  return ctx.db.transaction(async (tx) => {
    const before = await lockUser(tx, userId);
    if (Boolean(before.deactivatedAt) === !active) return publicUser(before);
    if (!active && before.role === "admin") await assertAnotherActiveAdmin(tx, userId);
    const [after] = await tx
      .update(users)
      .set({ deactivatedAt: active ? null : new Date() })
      .where(eq(users.id, userId))
      .returning();
    if (!after) throw new Error("update returned no row");
    if (!active) await endUserSessions(tx, userId);
    await writeAudit(tx, ctx.actor, {
      action: active ? "user.reactivate" : "user.deactivate",
      entityType: "user",
      entityId: userId,
      before: { deactivatedAt: before.deactivatedAt },
      after: { deactivatedAt: after.deactivatedAt },
    });
    return publicUser(after);
  });
}
