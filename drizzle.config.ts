import { createRequire } from "node:module";
import path from "node:path";
import { defineConfig } from "drizzle-kit";

// The schema files start with `import "server-only"`, which throws outside Next's react-server build. drizzle-kit
// reads them in plain Node, so for it that import loads the package's empty variant (what react-server code gets).
const require = createRequire(path.join(process.cwd(), "package.json"));
const throwing = require.resolve("server-only");
const empty = path.join(path.dirname(throwing), "empty.js");
require(empty);
require.cache[throwing] = require.cache[empty];

// Generation only needs the schema; migrations are applied by scripts/migrate.ts at start.
export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/server/db/schema/index.ts",
  out: "./drizzle",
  casing: "snake_case",
});
