import { isIP } from "node:net";
import { z } from "zod";
import { normaliseAddress, type ProxyTrust } from "@/lib/domain/access/client-address";

/** The one validated view of process.env. Nothing else reads process.env inside the app. */
const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z.url({ message: "DATABASE_URL must be a postgres:// URL" }).optional(),
  // Unset: http://localhost:$PORT (see readEnv).
  APP_URL: z.url().optional(),
  // The port `npm run dev` / `npm start` serve on (3000 unless set).
  PORT: z.coerce.number().int().min(1).max(65_535).optional(),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters (generate one with `openssl rand -base64 32`)").optional(),
  SESSION_MAX_AGE_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  RESEND_API_KEY: z.string().min(1).optional(),
  RESEND_BASE_URL: z.url().optional(),
  EMAIL_FROM: z.string().min(3).default("Rekindle <no-reply@rekindle.test>"),
  // Resend's webhook signing secret (whsec_…), from the webhook's page in Resend.
  RESEND_WEBHOOK_SECRET: z.string().min(1).optional(),
  // Unset: drafts are written by the built-in offline writer.
  OPENROUTER_API_KEY: z.string().min(1).optional(),
  OPENROUTER_BASE_URL: z.url().optional(),
  // How long one model call may take before it counts as a fault and is retried.
  AI_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(30_000),
  // Shopify's webhook signing secret, when it is not set on the Webhooks settings page.
  SHOPIFY_WEBHOOK_SECRET: z.string().min(1).optional(),
  // Per sender (API key or shop): sustained deliveries a second, and how many may arrive at once.
  WEBHOOK_RATE_PER_SECOND: z.coerce.number().positive().default(100),
  WEBHOOK_RATE_BURST: z.coerce.number().int().positive().default(200),
  // Who may tell us the caller's address (sign-in and webhook limits per address): "none" (default) uses the
  // connection's own address; "vercel" the platform's X-Vercel-Forwarded-For; else a comma-separated list of
  // the proxies' addresses, whose X-Forwarded-For is then believed.
  TRUSTED_PROXY: z
    .string()
    .trim()
    .default("none")
    .transform((value, ctx): ProxyTrust => {
      if (value === "" || value === "none") return { kind: "none" };
      if (value === "vercel") return { kind: "vercel" };
      const addresses = value.split(",").map((a) => a.trim()).filter(Boolean);
      const bad = addresses.find((a) => !isIP(a));
      if (bad) ctx.addIssue({ code: "custom", message: `TRUSTED_PROXY must be "none", "vercel" or a comma-separated list of IP addresses; "${bad}" is not an IP address` });
      return { kind: "proxies", addresses: addresses.map(normaliseAddress) };
    }),
  // Where uploads (CSV imports) are kept; `npm run dev`/`npm start` keep everything under this folder.
  REKINDLE_DATA_DIR: z.string().min(1).default(".data"),
  // Inngest: INNGEST_DEV (the Dev Server) or both keys (Inngest Cloud / self-hosted) choose real Inngest;
  // with neither, the embedded engine runs the functions (see inngest/engine/).
  INNGEST_DEV: z.string().min(1).optional(),
  INNGEST_EVENT_KEY: z.string().min(1).optional(),
  INNGEST_SIGNING_KEY: z.string().min(1).optional(),
  INNGEST_SIGNING_KEY_FALLBACK: z.string().min(1).optional(),
  // Where the embedded engine reaches /api/inngest; default APP_URL's.
  INNGEST_SERVE_URL: z.url().optional(),
  // "0" stops instrumentation from starting the embedded engine's loop (a host that pings /api/inngest/engine/tick instead).
  INNGEST_ENGINE_LOOP: z
    .enum(["0", "1"])
    .default("1")
    .transform((v) => v === "1"),
  // A scheduler's bearer token for POST /api/inngest/engine/tick (Vercel Cron sends CRON_SECRET).
  CRON_SECRET: z.string().min(16).optional(),
  // Set by scripts/run.ts when it started the embedded PostgreSQL (a local run, not a deployment).
  REKINDLE_EMBEDDED: z.enum(["1"]).optional(),
  LOG_QUERIES: z
    .enum(["0", "1"])
    .default("0")
    .transform((v) => v === "1"),
});

function readEnv() {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment:\n${problems}`);
  }
  const { APP_URL, PORT, ...rest } = parsed.data;
  // Sign-in and unsubscribe links name APP_URL: a local run on another port, with none set, names its own rather than
  // 3000's. (A deployment sets it; one that names this machine refuses to start, see production-guards.ts.)
  return { ...rest, APP_URL: APP_URL ?? `http://localhost:${PORT ?? 3000}` };
}

export const env = readEnv();

export function requireDatabaseUrl(): string {
  if (!env.DATABASE_URL) {
    throw new Error("DATABASE_URL is not set. Start the app with `npm run dev` / `npm start`, which provide an embedded Postgres, or set DATABASE_URL.");
  }
  return env.DATABASE_URL;
}

type InngestMode = "dev" | "cloud" | "embedded";

/** Which Inngest runs the app's functions: the Dev Server, Inngest Cloud (or a self-hosted server), or the embedded engine. */
export function inngestMode(): InngestMode {
  if (env.INNGEST_DEV && env.INNGEST_DEV !== "0") return "dev";
  if (env.INNGEST_EVENT_KEY && env.INNGEST_SIGNING_KEY) return "cloud";
  return "embedded";
}
