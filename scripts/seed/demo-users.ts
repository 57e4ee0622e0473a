import type { TransactionSql } from "postgres";
import { DEMO_PASSWORD } from "@/lib/domain/access/demo-accounts";
import type { DemoUser } from "@/lib/domain/demo";
import { hashPassword } from "@/lib/server/auth/passwords";
import type { UserRole } from "./schema-types";

/**
 * Inserts the demo staff, each with the documented demo password (README, "Who uses it").
 * A production start refuses to run while any of them is still active with it.
 */
export async function createDemoUsers(tx: TransactionSql, staff: readonly DemoUser[]): Promise<number> {
  if (staff.length === 0) return 0;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const rows = staff.map((user) => {
    const role: UserRole = user.role;
    return { id: user.id, name: user.name, email: user.email, role, password_hash: passwordHash };
  });
  await tx`insert into users ${tx(rows, "id", "name", "email", "role", "password_hash")}`;
  return rows.length;
}
