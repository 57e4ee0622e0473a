import "server-only";
import { createUserSchema } from "@/lib/domain/access/user-input";
import { writeAudit } from "@/lib/server/audit";
import { magicLinksEnabled } from "@/lib/server/auth/magic-link";
import { hashPassword } from "@/lib/server/auth/passwords";
import { authorize } from "@/lib/server/auth/permissions";
import type { VerbArgs } from "@/lib/server/context";
import { users } from "@/lib/server/db/schema";
import { ValidationError } from "@/lib/server/errors";
import { parseInput } from "@/lib/server/parse-input";
import { publicUser, rethrowDuplicateUserEmail } from "./user-rules";

export const PASSWORD_NEEDED = "Set a password: sign-in links by email are off (no RESEND_API_KEY), so without one they could not sign in";

/** Adds a person; they sign in with the password set here, or by email link when links are on. */
export async function createUser({ ctx, input }: VerbArgs<typeof createUserSchema>) {
  authorize(ctx.actor, "users.manage");
  const { password, ...data } = parseInput(createUserSchema, input);
  // Without a password a person signs in only by email link, and those need Resend.
  if (!password && !magicLinksEnabled()) throw new ValidationError({ password: [PASSWORD_NEEDED] });
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
