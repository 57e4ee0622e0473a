/**
 * Next.js calls register() once when a server instance starts, whoever starts it (`npm run dev`, `npm start`,
 * `next start`, a serverless host): the one place for start-up checks and the embedded engine's loop.
 * NEXT_RUNTIME is read literally (not through lib/env.ts) so Next drops the Node-only code from the Edge build.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startInstance } = await import("@/lib/server/startup/start");
  await startInstance();
}
