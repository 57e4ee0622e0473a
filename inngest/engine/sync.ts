import "server-only";
import { embeddedSigningKey, serveUrl } from "./keys";
import { signBody } from "./protocol";

/**
 * Asks the app to register its functions, as Inngest does after a deploy: a signed PUT to /api/inngest (the app
 * refuses unsigned ones) makes the SDK post its function configs to the engine's fn/register endpoint (see http.ts).
 */
export async function syncApp(url: string = serveUrl()): Promise<void> {
  const signingKey = embeddedSigningKey();
  if (!signingKey) throw new Error("AUTH_SECRET is not set: the embedded engine has no key to sign its sync with.");
  const headers = { "X-Inngest-Signature": signBody("", signingKey, new Date()) };
  const response = await fetch(url, { method: "PUT", headers, signal: AbortSignal.timeout(30_000) });
  const body = await response.text();
  if (!response.ok) throw new Error(`Syncing the functions at ${url} failed (${response.status}): ${body.slice(0, 300)}`);
}
