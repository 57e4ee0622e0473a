import { afterAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/server/db/client";
import { orders } from "@/lib/server/db/schema";
import { orderEvent, signedRequest, webhookKey } from "@/test/webhook-requests";
import { POST } from "./route";


afterAll(() => {
  vi.unstubAllEnvs();
});

// The limiter reads its rate from lib/env.ts when first loaded, so this file sets a tiny bucket before any import.
vi.hoisted(() => {
  vi.stubEnv("WEBHOOK_RATE_BURST", "3");
  vi.stubEnv("WEBHOOK_RATE_PER_SECOND", "0.2");
});

describe("POST /api/webhooks/orders: rate limit", () => {
  it("429 with Retry-After once a key has used its bucket, while another key is unaffected", async () => {
    const key = await webhookKey();
    const other = await webhookKey();
    const send = (k = key) => POST(signedRequest("/api/webhooks/orders", { event_id: crypto.randomUUID(), source: "acme", order: orderEvent() }, k));
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await send()).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await send();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await limited.json()).toMatchObject({ errors: [{ path: "(rate)", message: expect.stringContaining("retry after") }] });
    expect((await send(other)).status).toBe(200);
    expect(await db.$count(orders)).toBe(4);
  });
});
