import { requireDatabaseUrl } from "@/lib/env";
import { migrateDatabase } from "@/lib/server/db/migrate";

/**
 * Migrates; seeds demo data into an empty database when asked; and in production refuses to go on
 * while any active account still has the documented demo password.
 */
export async function prepareDatabase({ seedWhenEmpty, production }: { seedWhenEmpty: boolean; production: boolean }) {
  const url = requireDatabaseUrl();
  await migrateDatabase(url);
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
    const { accountsWithDemoPassword } = await import("@/lib/server/auth/demo-password-guard");
    const unsafe = await accountsWithDemoPassword(db);
    await db.$client.end();
    if (unsafe.length) {
      throw new Error(`Refusing to start in production: these active accounts still use the demo password: ${unsafe.join(", ")}. Set new passwords or deactivate them first.`);
    }
  }
}
