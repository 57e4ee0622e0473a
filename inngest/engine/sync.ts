import "server-only";
import { serveUrl } from "./keys";

/**
 * Asks the app to register its functions, as Inngest does after a deploy: a PUT to /api/inngest makes the
 * SDK post its function configs to the engine's fn/register endpoint (see http.ts).
 */
export async function syncApp(url: string = serveUrl()): Promise<void> {
  const response = await fetch(url, { method: "PUT", signal: AbortSignal.timeout(30_000) });
  const body = await response.text();
  if (!response.ok) throw new Error(`Syncing the functions at ${url} failed (${response.status}): ${body.slice(0, 300)}`);
}
