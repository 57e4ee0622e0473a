import "server-only";
import { eq } from "drizzle-orm";
import { changeRoleSchema } from "@/lib/domain/access/user-input";
import { writeAudit } from "@/lib/server/audit";
import { authorize } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";
import { users } from "@/lib/server/db/schema";
import { parseInput } from "@/lib/server/parse-input";
import { assertAnotherActiveAdmin, lockUser, publicUser } from "./user-rules";

/** Changes a role; it applies on the user's next request, since every request re-reads the role. */
export async function changeUserRole({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  authorize(ctx.actor, "users.manage");
  const { userId, role } = parseInput(changeRoleSchema, input);
  return ctx.db.transaction(async (tx) => {
    const before = await lockUser(tx, userId);
    if (before.role === role) return publicUser(before);
    if (before.role === "admin") await assertAnotherActiveAdmin(tx, userId);
    const [after] = await tx.update(users).set({ role }).where(eq(users.id, userId)).returning();
    if (!after) throw new Error("update returned no row");
    await writeAudit(tx, ctx.actor, { action: "user.role.change", entityType: "user", entityId: userId, before: { role: before.role }, after: { role: after.role } });
    return publicUser(after);
  });
}
