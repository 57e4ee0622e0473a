import postgres from "postgres";
import { requireDatabaseUrl } from "@/lib/env";
import { migrateDatabase } from "@/lib/server/db/migrate";

/** Migrates, and seeds demo data when asked and the database has no users yet. */
export async function prepareDatabase({ seedWhenEmpty }: { seedWhenEmpty: boolean; production: boolean }) {
  const url = requireDatabaseUrl();
  await migrateDatabase(url);
  if (!seedWhenEmpty) return;
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const [{ count }] = await sql<[{ count: number }]>`select count(*)::int as count from users`;
  await sql.end();
  if (count > 0) return;
  console.log("▲ Empty database: seeding demo data…");
  const { seedDemoData } = await import("../seed/seed-demo-data");
  await seedDemoData({ url, clients: 2000, seed: 42, asOf: new Date(), reset: false });
}
