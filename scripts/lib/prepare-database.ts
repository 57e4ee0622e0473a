import { requireDatabaseUrl } from "@/lib/env";
import { migrateDatabase } from "@/lib/server/db/migrate";

/**
 * Migrates (unless the caller ran the migrations as their own step) and seeds demo data into an empty database when asked. The production guards (secrets, no demo
 * password) run from instrumentation.ts in every server instance; checking here too fails `npm start` early.
 */
export async function prepareDatabase({ migrate = true, seedWhenEmpty, production }: { migrate?: boolean; seedWhenEmpty: boolean; production: boolean }) {
  const url = requireDatabaseUrl();
  if (migrate) await migrateDatabase(url);
  if (seedWhenEmpty) {
    const { isDatabaseEmpty, seedDemoData } = await import("../seed/seed-demo-data");
    if (await isDatabaseEmpty(url)) {
      console.log("▲ Empty database: seeding demo data…");
      const result = await seedDemoData({ url, clients: 2000 });
      console.log(`▲ Seeded ${result.users} users, ${result.clients} clients, ${result.orders} orders`);
      const { scoreDemoData } = await import("../seed/score-demo-data");
      console.log(`▲ Scored ${(await scoreDemoData()).clients} clients`);
    }
  }
  if (production) {
    const { db } = await import("@/lib/server/db/client");
    const { assertProductionReady } = await import("@/lib/server/startup/production-guards");
    try {
      await assertProductionReady();
    } finally {
      await db.$client.end();
    }
  }
}
