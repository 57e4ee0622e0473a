import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Layer boundaries (README: Architecture), one no-restricted-imports setting per layer. ESLint replaces a rule's
// options per file rather than merging them, so each layer lists every pattern that holds for it.
// test/lint-boundaries.test.ts shows each rule failing on a deliberate violation.
const NOT_UI = { group: ["@/app/**", "@/components/**"], message: "Server code does not import pages, actions or components." };
const NO_VERB_INTERNALS = {
  group: ["@/lib/server/services/*/*-rules"],
  message: "A verb's helpers are private to lib/server/services; call the verb (services/<entity>/<verb>.ts).",
};
const restrict = (...patterns) => ({ "@typescript-eslint/no-restricted-imports": ["error", { patterns }] });
const SOURCE_ONLY = ["**/*.test.ts", "**/*.test.tsx", "**/*.fixture.ts"];

const boundaries = [
  {
    files: ["lib/domain/**"],
    ignores: SOURCE_ONLY,
    rules: restrict({
      group: [
        "next", "next/*", "next-auth", "next-auth/*", "@auth/*", "react", "react/*", "react-dom", "react-dom/*",
        "drizzle-orm", "drizzle-orm/*", "postgres", "server-only", "resend",
        "@/lib/server/**", "@/lib/env", "@/lib/forms/**", "@/app/**", "@/components/**",
      ],
      message: "lib/domain is pure: no framework, no database, no server code.",
    }),
  },
  {
    files: ["components/**"],
    ignores: SOURCE_ONLY,
    rules: restrict(
      {
        group: ["drizzle-orm", "drizzle-orm/*", "postgres", "server-only", "@/lib/server/**", "!@/lib/server/data/*"],
        message: "Components import no database or server code; take view types from lib/server/data.",
      },
      { group: ["@/lib/server/data/*"], allowTypeImports: true, message: "Components take only view types from lib/server/data (import type)." },
    ),
  },
  { files: ["app/**", "lib/server/**", "scripts/**"], ignores: SOURCE_ONLY, rules: restrict(NO_VERB_INTERNALS) },
  { files: ["lib/server/**"], ignores: [...SOURCE_ONLY, "lib/server/services/**", "lib/server/data/**"], rules: restrict(NOT_UI, NO_VERB_INTERNALS) },
  {
    files: ["lib/server/data/**"],
    ignores: SOURCE_ONLY,
    rules: restrict(NOT_UI, { group: ["@/lib/server/services/**"], message: "Reads do not call verbs: lib/server/data reads, lib/server/services writes." }),
  },
  {
    files: ["lib/server/services/**"],
    ignores: SOURCE_ONLY,
    rules: restrict(NOT_UI, {
      group: ["@/lib/server/actions/**", "@/lib/server/http/**"],
      message: "Verbs know no transport: forms and routes call them, not the other way round.",
    }),
  },
];

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
    files: ["lib/env.ts", "**/*.test.ts", "scripts/**", "e2e/**", "playwright.config.ts", "vitest.config.ts", "drizzle.config.ts", "test/**", "next.config.ts"],
    rules: { "no-restricted-properties": "off" },
  },
  ...boundaries,
]);
