import "server-only";
import { env } from "@/lib/env";
import { accountsWithDemoPassword } from "@/lib/server/auth/demo-password-guard";
import { db } from "@/lib/server/db/client";

/**
 * What must hold before a production instance serves anyone, however it was started (`npm start`, `next start`,
 * a serverless host): its secrets are set, APP_URL names where people reach it (sign-in and unsubscribe links in
 * emails point there), and no active account still has the documented demo password.
 * A local `npm start` on the embedded PostgreSQL is not a deployment and skips the last two checks.
 */
export async function assertProductionReady(): Promise<void> {
  const missing = [!env.AUTH_SECRET && "AUTH_SECRET", !env.DATABASE_URL && "DATABASE_URL"].filter((name): name is string => Boolean(name));
  if (missing.length) throw new Error(`Refusing to start in production: set ${missing.join(" and ")}.`);
  if (env.REKINDLE_EMBEDDED) return;
  if (namesThisMachine(env.APP_URL)) {
    throw new Error(`Refusing to start in production: APP_URL is ${env.APP_URL}. Set it to the app's public URL: the links in sign-in and win-back emails point there.`);
  }
  const unsafe = await accountsWithDemoPassword(db);
  if (unsafe.length) {
    throw new Error(`Refusing to start in production: these active accounts still use the demo password: ${unsafe.join(", ")}. Set new passwords or deactivate them first.`);
  }
}

function namesThisMachine(url: string): boolean {
  const host = new URL(url).hostname;
  return host === "localhost" || host.endsWith(".localhost") || host === "[::1]" || host.startsWith("127.") || host === "0.0.0.0";
}
