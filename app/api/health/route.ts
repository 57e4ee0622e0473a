import { sql } from "drizzle-orm";
import { db } from "@/lib/server/db/client";
import { migrationStatus } from "@/lib/server/db/migrate";

export const dynamic = "force-dynamic";

/** For load balancers and tests: 200 when the database answers and every migration is applied, 503 otherwise. */
export async function GET() {
  try {
    await db.execute(sql`select 1`);
    const migrations = await migrationStatus(db);
    const healthy = migrations.current;
    return Response.json({ status: healthy ? "ok" : "migrations_pending", database: "reachable", migrations }, { status: healthy ? 200 : 503 });
  } catch (error) {
    console.error("health check failed", error);
    return Response.json({ status: "error", database: "unreachable" }, { status: 503 });
  }
}
