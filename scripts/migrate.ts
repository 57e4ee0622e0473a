import { requireDatabaseUrl } from "@/lib/env";
import { migrateDatabase } from "@/lib/server/db/migrate";

await migrateDatabase(requireDatabaseUrl());
console.log("migrations applied");
