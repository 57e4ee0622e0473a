import { defineConfig } from "drizzle-kit";

// Generation only needs the schema; migrations are applied by scripts/migrate.ts at start.
export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/server/db/schema/index.ts",
  out: "./drizzle",
  casing: "snake_case",
});
