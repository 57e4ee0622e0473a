import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.dirname(new URL(import.meta.url).pathname);
const alias = {
  "@": root,
  // Outside Next's react-server build `server-only` throws on import; tests are server code.
  "server-only": path.join(root, "test/empty-module.ts"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        // Generous like the integration project's: the demo-data and CDNOW checks are CPU-heavy, and on a loaded machine
        // the default 5 s failed them though nothing was wrong.
        test: { name: "unit", include: ["lib/domain/**/*.test.ts"], environment: "node", testTimeout: 30_000 },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["lib/server/**/*.test.ts", "app/**/*.test.ts", "inngest/**/*.test.ts", "test/**/*.test.ts", "scripts/**/*.test.ts"],
          environment: "node",
          globalSetup: ["test/global-setup.ts"],
          setupFiles: ["test/database-per-file.ts"],
          // next-auth imports "next/server" without an extension, which only a bundler resolves.
          server: { deps: { inline: ["next-auth", "@auth/core"] } },
          env: { AUTH_SECRET: "test-only-auth-secret-0123456789abcdef" },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
