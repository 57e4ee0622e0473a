import "server-only";
import { createUserSchema } from "@/lib/domain/access/user-input";
import { writeAudit } from "@/lib/server/audit";
import { hashPassword } from "@/lib/server/auth/passwords";
import { authorize } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";
import { users } from "@/lib/server/db/schema";
import { parseInput } from "@/lib/server/parse-input";
import { publicUser, rethrowDuplicateUserEmail } from "./user-rules";

export async function createUser({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  authorize(ctx.actor, "users.manage");
  const { password, ...data } = parseInput(createUserSchema, input);
  const passwordHash = password ? await hashPassword(password) : null;
  try {
    return await ctx.db.transaction(async (tx) => {
      const [user] = await tx.insert(users).values({ ...data, passwordHash }).returning();
      if (!user) throw new Error("insert returned no row");
      await writeAudit(tx, ctx.actor, { action: "user.create", entityType: "user", entityId: user.id, after: publicUser(user) });
      return publicUser(user);
    });
  } catch (error) {
    rethrowDuplicateUserEmail(error);
  }
}
