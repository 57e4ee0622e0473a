import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { emailAddress } from "@/lib/domain/validation";
import type { Executor } from "@/lib/server/db/client";
import { users } from "@/lib/server/db/schema";
import { decoyHash, verifyPassword } from "./passwords";
import { claimSignInAttempt, clearSignInFailures } from "./throttle";

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(emailAddress("Enter a valid email address")),
  password: z.string().min(1).max(200),
});

type CredentialsResult =
  | { ok: true; user: { id: string; name: string; email: string } }
  | { ok: false; reason: "invalid" | "throttled" };

/** Checks an email and password. The answer never tells whether the account exists. */
export async function checkCredentials(db: Executor, raw: unknown, ip: string): Promise<CredentialsResult> {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;
  if (!(await claimSignInAttempt(db, email, ip))) return { ok: false, reason: "throttled" };
  const [user] = await db
    .select({ id: users.id, name: users.name, email: users.email, passwordHash: users.passwordHash, deactivatedAt: users.deactivatedAt })
    .from(users)
    .where(sql`lower(${users.email}) = ${email}`)
    .limit(1);
  const valid = await verifyPassword(user?.passwordHash ?? (await decoyHash()), password);
  // The claim above already stands as this attempt's failure.
  if (!user || !user.passwordHash || user.deactivatedAt || !valid) return { ok: false, reason: "invalid" };
  await clearSignInFailures(db, email);
  return { ok: true, user: { id: user.id, name: user.name, email: user.email } };
}
