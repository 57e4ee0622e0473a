import { EventEmitter } from "node:events";
import type { IncomingMessage, ServerResponse } from "node:http";
import { PHASE_DEVELOPMENT_SERVER } from "next/constants";
import loadConfig from "next/dist/server/config";
import { blockCrossSiteDEV } from "next/dist/server/lib/router-utils/block-cross-site-dev";
import { describe, expect, it } from "vitest";

/**
 * `next dev` refuses its own resources (scripts fetched in CORS mode, the HMR socket, server-action
 * round trips) to origins it was not told about. Opening http://127.0.0.1:3000 is as common as
 * localhost, so both must be served. This runs Next's own check against our next.config.
 */
async function served(origin: string, path: string, headers: Record<string, string> = {}) {
  const config = await loadConfig(PHASE_DEVELOPMENT_SERVER, process.cwd(), { silent: true });
  const req = Object.assign(new EventEmitter(), { url: path, headers: { origin, ...headers } }) as unknown as IncomingMessage;
  let status = 200;
  const res = { set statusCode(s: number) { status = s; }, end: () => {} } as unknown as ServerResponse;
  const blocked = blockCrossSiteDEV(req, res, config.allowedDevOrigins, "localhost");
  return !blocked && status === 200;
}

describe("next dev at a loopback address", () => {
  it("serves dev resources to pages opened at 127.0.0.1 and [::1], as to localhost", async () => {
    for (const origin of ["http://127.0.0.1:3000", "http://[::1]:3000", "http://localhost:3000"]) {
      expect(await served(origin, "/_next/hmr"), origin).toBe(true);
      expect(await served(origin, "/_next/static/chunks/main.js", { "sec-fetch-mode": "cors" }), origin).toBe(true);
    }
  });

  it("still refuses other sites", async () => {
    expect(await served("http://evil.example", "/_next/hmr")).toBe(false);
  });
});
