import { afterAll, beforeAll, beforeEach } from "vitest";
import { GET, POST, PUT } from "@/app/api/inngest/route";
import { syncApp } from "@/inngest/engine/sync";
import { type TickOptions, tickEngine } from "@/inngest/engine/tick";
import { startRouteServer } from "./loopback/route-server";

/**
 * The app's /api/inngest served on a loopback port and synced with the embedded engine, as `npm run dev`
 * does: the engine then calls the functions over HTTP with Inngest's protocol.
 */
async function startInngestApp() {
  const server = await startRouteServer({ "/api/inngest": { GET, POST, PUT } });
  const serveUrl = `${server.url}/api/inngest`;
  return { ...server, serveUrl, sync: () => syncApp(serveUrl) };
}

/** For a test file: the app served for the whole file, synced again before each test (the tables are emptied before each). */
export function serveInngestForEachTest() {
  const app = { serveUrl: "" };
  let close = async () => {};
  beforeAll(async () => {
    const started = await startInngestApp();
    app.serveUrl = started.serveUrl;
    close = started.close;
  });
  beforeEach(() => syncApp(app.serveUrl));
  afterAll(() => close());
  return app;
}

/** A clock this far ahead: debounce periods and retry back-offs are over without waiting for them. */
export const ahead = (ms: number) => () => new Date(Date.now() + ms);

/**
 * Ticks until a tick drives no run (each tick claims what is due at its clock). Answers the runs driven.
 * Fires no cron slot: a clock set ahead must not start the hourly function when a test runs near the hour.
 */
export async function drainEngine(options: TickOptions = {}): Promise<number> {
  let total = 0;
  for (let i = 0; i < 50; i++) {
    const { runsDriven } = await tickEngine({ now: ahead(60_000), crons: false, ...options });
    total += runsDriven;
    if (runsDriven === 0) return total;
  }
  throw new Error("The engine still had work after 50 ticks");
}
