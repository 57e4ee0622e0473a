/**
 * Next.js calls register() once when a server instance starts, whoever starts it (`npm run dev`, `npm start`,
 * `next start`, a serverless host): the one place for start-up checks and the embedded engine's loop.
 */
export async function register() {
  const { env } = await import("@/lib/env");
  if (env.NEXT_RUNTIME !== "nodejs") return;
  const { startInstance } = await import("@/lib/server/startup/start");
  await startInstance();
}
