import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";

// CONVENTIONS 4: every file in lib/server starts with `import "server-only"`, so a client component that imports one
// (the database, a secret) fails the build instead of shipping it to the browser.
it('every lib/server source file starts with import "server-only"', () => {
  const root = path.resolve(import.meta.dirname, "../lib/server");
  const files = fs.readdirSync(root, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));
  expect(files.length).toBeGreaterThan(50);
  const missing = files.filter((f) => !fs.readFileSync(path.join(root, f), "utf8").startsWith('import "server-only";'));
  expect(missing).toEqual([]);
});
