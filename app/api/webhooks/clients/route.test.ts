import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { clients } from "@/lib/server/db/schema";
import { json, signedRequest, webhookKey } from "@/test/webhook-requests";
import { POST } from "./route";

const PATH = "/api/webhooks/clients";
let events = 0;
// Each profile a version of its own, a second after the last one sent, unless it names one.
let versions = Date.parse("2026-01-01T00:00:00Z");
const versioned = (profile: unknown) => ({ updated_at: new Date((versions += 1000)).toISOString(), ...(profile as object) });
const delivery = (body: { client?: unknown; clients?: unknown[] }) => ({
  event_id: `c-${++events}`,
  ...(body.client ? { client: versioned(body.client) } : {}),
  ...(body.clients ? { clients: body.clients.map(versioned) } : {}),
});

describe("POST /api/webhooks/clients", () => {
  it("creates a client, then changes only the fields a later profile sends", async () => {
    const key = await webhookKey("clients:write");
    const created = await json(
      await POST(signedRequest(PATH, delivery({ client: { email: "ada@example.com", name: "Ada", sizes: { top: "M" }, preferred_styles: ["classic"], budget_band: "100_200", timezone: "Europe/London" } }), key)),
    );
    expect(created).toMatchObject({ created: 1, results: [{ id: "ada@example.com", outcome: "created" }] });
    const updated = await json(await POST(signedRequest(PATH, delivery({ client: { email: "ADA@example.com", name: "Ada L.", marketing_consent: true } }), key)));
    expect(updated).toMatchObject({ updated: 1 });
    const [row] = await db.select().from(clients).where(eq(clients.email, "ada@example.com"));
    expect(row).toMatchObject({ name: "Ada L.", sizes: { top: "M" }, preferredStyles: ["classic"], budgetBand: "100_200", marketingConsent: true, timezone: "Europe/London" });
  });

  it("reports a profile that changes nothing as unchanged, and clears the budget band only when sent as null", async () => {
    const key = await webhookKey();
    await POST(signedRequest(PATH, delivery({ client: { email: "bo@example.com", name: "Bo", budget_band: "under_50" } }), key));
    expect(await json(await POST(signedRequest(PATH, delivery({ client: { email: "bo@example.com", name: "Bo" } }), key)))).toMatchObject({ unchanged: 1 });
    await POST(signedRequest(PATH, delivery({ client: { email: "bo@example.com", name: "Bo", budget_band: null } }), key));
    const [row] = await db.select().from(clients);
    expect(row?.budgetBand).toBeNull();
  });

  it("stores the valid profiles of a batch and reports the others by path; one client per email under concurrency", async () => {
    const key = await webhookKey();
    const batch = [{ email: "a@example.com", name: "A" }, { email: "b@example.com", name: "" }, { email: "c@example.com", name: "C", preferred_styles: ["gothic"] }];
    const body = await json(await POST(signedRequest(PATH, delivery({ clients: batch }), key)));
    expect(body).toMatchObject({ status: "partial", created: 1, rejected: 2, errors: [{ path: "clients[1].name" }, { path: "clients[2].preferred_styles[0]" }] });
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => POST(signedRequest(PATH, delivery({ client: { email: "same@example.com", name: `Name ${i}` } }), key))));
    expect(new Set(responses.map((r) => r.status))).toEqual(new Set([200]));
    expect(await db.$count(clients, eq(clients.email, "same@example.com"))).toBe(1);
  });

  it("403 for a key limited to orders", async () => {
    const key = await webhookKey("orders:write");
    expect((await POST(signedRequest(PATH, delivery({ client: { email: "x@example.com", name: "X" } }), key))).status).toBe(403);
  });
});
