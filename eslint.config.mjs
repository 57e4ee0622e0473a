import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", ".data/**", "node_modules/**", "drizzle/**", "test-results/**", "playwright-report/**", "next-env.d.ts"]),
  {
    rules: {
      "@typescript-eslint/no-non-null-assertion": "error",
      "@typescript-eslint/ban-ts-comment": "error",
      // A leading underscore marks a value left out on purpose (e.g. dropping a field by destructuring).
      "@typescript-eslint/no-unused-vars": ["warn", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read settings from lib/env.ts, the one validated view of process.env." },
      ],
    },
  },
  {
    files: ["lib/env.ts", "instrumentation.ts", "**/*.test.ts", "scripts/**", "e2e/**", "playwright.config.ts", "vitest.config.ts", "drizzle.config.ts", "test/**", "next.config.ts"],
    rules: { "no-restricted-properties": "off" },
  },
]);
