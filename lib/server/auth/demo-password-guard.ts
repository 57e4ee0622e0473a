import "server-only";
import { and, isNotNull, isNull } from "drizzle-orm";
import { DEMO_PASSWORD } from "@/lib/domain/access/demo-accounts";
import type { Executor } from "@/lib/server/db/client";
import { users } from "@/lib/server/db/schema";
import { verifyPassword } from "./passwords";

/** Emails of active accounts whose password is still the documented demo password. */
export async function accountsWithDemoPassword(db: Executor): Promise<string[]> {
  const rows = await db
    .select({ email: users.email, passwordHash: users.passwordHash })
    .from(users)
    .where(and(isNull(users.deactivatedAt), isNotNull(users.passwordHash)));
  const checks = await Promise.all(rows.map(async (r) => ((await verifyPassword(r.passwordHash ?? "", DEMO_PASSWORD)) ? r.email : null)));
  return checks.filter((email): email is string => email !== null);
}
