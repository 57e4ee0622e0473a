import "server-only";
import { eq, sql } from "drizzle-orm";
import { roleChangeWarning } from "@/lib/domain/access/role-change";
import { changeRoleSchema } from "@/lib/domain/access/user-input";
import { writeAudit } from "@/lib/server/audit";
import { authorize } from "@/lib/server/auth/permissions";
import type { VerbArgs } from "@/lib/server/context";
import { clients, users } from "@/lib/server/db/schema";
import { ValidationError } from "@/lib/server/errors";
import { parseInput } from "@/lib/server/parse-input";
import { assertAnotherActiveAdmin, lockUser, publicUser } from "./user-rules";

/**
 * Changes a role; it applies on the user's next request, since every request re-reads the role. A change
 * that needs a second look (to admin, or a stylist with clients leaving the role) is refused until
 * `confirmed`, with the sentence saying what it means; a former stylist's clients become unassigned.
 */
export async function changeUserRole({ ctx, input }: VerbArgs<typeof changeRoleSchema>) {
  authorize(ctx.actor, "users.manage");
  const { userId, role, confirmed } = parseInput(changeRoleSchema, input);
  return ctx.db.transaction(async (tx) => {
    const before = await lockUser(tx, userId);
    if (before.role === role) return { user: publicUser(before), unassigned: 0 };
    if (before.role === "admin") await assertAnotherActiveAdmin(tx, userId);
    const [count] = await tx.select({ n: sql<number>`count(*)::int` }).from(clients).where(eq(clients.stylistId, userId));
    const clientCount = before.role === "stylist" ? (count?.n ?? 0) : 0;
    const warning = roleChangeWarning({ name: before.name, from: before.role, to: role, clientCount });
    if (warning && !confirmed) throw new ValidationError({ confirmed: [warning] }, warning);
    const [after] = await tx.update(users).set({ role }).where(eq(users.id, userId)).returning();
    if (!after) throw new Error("update returned no row");
    if (clientCount > 0) await tx.update(clients).set({ stylistId: null }).where(eq(clients.stylistId, userId));
    await writeAudit(tx, ctx.actor, {
      action: "user.role.change",
      entityType: "user",
      entityId: userId,
      before: { role: before.role },
      after: { role: after.role, ...(clientCount > 0 ? { clientsUnassigned: clientCount } : {}) },
    });
    return { user: publicUser(after), unassigned: clientCount };
  });
}
