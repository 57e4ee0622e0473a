import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import type { IngestClientProfile, IngestOrder } from "@/lib/domain/ingest/ingest-types";
import { contextFor } from "@/lib/server/context";
import { db } from "@/lib/server/db/client";
import { auditLog, clients, orders, webhookReceipts } from "@/lib/server/db/schema";
import { ingestFollowUpsSettled } from "@/lib/server/events/ingest-events";
import { ingestOrder as order } from "@/test/ingest-orders";
import { deliverClientProfiles } from "@/lib/server/services/clients/deliver-client-profiles";
import { deliverOrders } from "@/lib/server/services/orders/deliver-orders";

// Rescoring follows each delivery in the background; let it finish before the tables are emptied.
afterEach(() => ingestFollowUpsSettled());

const ctx = contextFor({ type: "system", name: "webhook:test" });

function delivery<T>(eventId: string, items: T[], bodySha256 = `sha-of-${eventId}`) {
  return { meta: { sender: "oms-key", apiKeyId: null, endpoint: "orders", eventId, bodySha256 }, received: items.length, valid: items.map((value, index) => ({ index, value })), issues: [] };
}

/** Deliveries submitted in the same turn of the event loop are committed as one group. */
const sendTogether = (deliveries: ReturnType<typeof delivery<IngestOrder>>[]) => Promise.allSettled(deliveries.map((d) => deliverOrders({ ctx, input: { ...d, source: "acme" } })));

const outcomesOf = (body: Record<string, unknown>) => (body.results as { outcome: string }[]).map((r) => r.outcome);

async function clientByEmail(email: string) {
  const [row] = await db.select().from(clients).where(eq(clients.email, email));
  return row;
}

describe("deliverOrders: deliveries committed together", () => {
  it("stores each event once, answers copies and repeats with the first answer, and treats the same order as if the deliveries came one after another", async () => {
    const stored = await deliverOrders({ ctx, input: { ...delivery("evt-0", [order("P", "2026-05-02T00:00:00Z")]), source: "acme" } });
    const settled = await sendTogether([
      delivery("evt-1", [order("X", "2026-05-02T00:00:00Z", { itemsKept: 1 })]),
      delivery("evt-1", [order("X", "2026-05-02T00:00:00Z", { itemsKept: 1 })]),
      delivery("evt-2", [order("X", "2026-05-04T00:00:00Z", { itemsKept: 4 }), order("Y", "2026-05-02T00:00:00Z")]),
      delivery("evt-3", [order("X", "2026-05-03T00:00:00Z", { itemsKept: 3 })]),
      delivery("evt-1", [order("X", "2026-05-09T00:00:00Z", { itemsKept: 5 })], "sha-of-another-body"),
      delivery("evt-0", [order("P", "2026-05-02T00:00:00Z")]),
      delivery("evt-4", [order("Y", "2026-05-01T00:00:00Z", { itemsKept: 0 })]),
    ]);
    const answers = settled.map((s) => (s.status === "fulfilled" ? s.value : null));
    expect(answers.map((a) => a && [a.status, a.replayed])).toEqual([
      [200, false],
      [200, true],
      [200, false],
      [200, false],
      [409, true],
      [200, true],
      [200, false],
    ]);
    expect(outcomesOf(answers[0]?.body ?? {})).toEqual(["created"]);
    expect(answers[1]?.body).toEqual(answers[0]?.body);
    expect(outcomesOf(answers[2]?.body ?? {})).toEqual(["updated", "created"]);
    expect(outcomesOf(answers[3]?.body ?? {})).toEqual(["unchanged"]);
    expect(answers[4]?.body).toMatchObject({ errors: [{ path: "event_id" }] });
    expect(answers[5]?.body).toEqual(stored.body);
    expect(outcomesOf(answers[6]?.body ?? {})).toEqual(["unchanged"]);

    const rows = await db.select().from(orders);
    expect(rows.map((o) => [o.externalId, o.itemsKept]).sort()).toEqual([
      ["P", 2],
      ["X", 4],
      ["Y", 2],
    ]);
    expect(await clientByEmail("ada@example.com")).toMatchObject({ orderCount: 3 });
    expect(await db.$count(webhookReceipts)).toBe(5);
    expect(await db.$count(auditLog, eq(auditLog.action, "orders.ingest"))).toBe(5);
  });

  it("moves an order sent for several clients in one group to the last one, recounting every client it left", async () => {
    await deliverOrders({ ctx, input: { ...delivery("evt-0", [order("X", "2026-05-02T00:00:00Z", { clientEmail: "first@example.com" })]), source: "acme" } });
    const settled = await sendTogether([
      delivery("evt-1", [order("X", "2026-05-03T00:00:00Z", { clientEmail: "second@example.com" })]),
      delivery("evt-2", [order("X", "2026-05-04T00:00:00Z", { clientEmail: "third@example.com" })]),
    ]);
    expect(settled.map((s) => s.status === "fulfilled" && outcomesOf(s.value.body))).toEqual([["updated"], ["updated"]]);
    expect(await clientByEmail("first@example.com")).toMatchObject({ orderCount: 0, lastOrderAt: null });
    expect(await clientByEmail("second@example.com")).toMatchObject({ orderCount: 0, lastOrderAt: null });
    expect(await clientByEmail("third@example.com")).toMatchObject({ orderCount: 1 });
    const [stored] = await db.select().from(orders);
    expect(stored?.clientId).toBe((await clientByEmail("third@example.com"))?.id);
  });

  it("fails only the delivery that makes its group fail; the others are stored and answered", async () => {
    const settled = await sendTogether([
      delivery("evt-1", [order("A", "2026-05-02T00:00:00Z")]),
      // Postgres cannot store a NUL character in text, so this delivery fails whichever group it is in.
      delivery("evt-\u0000", [order("B", "2026-05-02T00:00:00Z")]),
      delivery("evt-3", [order("C", "2026-05-02T00:00:00Z")]),
    ]);
    expect(settled.map((s) => s.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((await db.select().from(orders)).map((o) => o.externalId).sort()).toEqual(["A", "C"]);
    expect(await db.$count(webhookReceipts)).toBe(2);
  });
});

describe("deliverClientProfiles: deliveries committed together", () => {
  it("applies profiles for one email in the order they arrived, each answered as if alone", async () => {
    const profile = (name: string, day: number): IngestClientProfile => ({ email: "sam@example.com", name, updatedAt: new Date(Date.UTC(2026, 0, day)) });
    const settled = await Promise.all(
      [delivery("p-1", [profile("Sam", 1)]), delivery("p-2", [profile("Samuel", 2)]), delivery("p-3", [profile("Samuel", 3)])].map((d) => deliverClientProfiles({ ctx, input: d })),
    );
    expect(settled.map((a) => outcomesOf(a.body))).toEqual([["created"], ["updated"], ["unchanged"]]);
    expect(await clientByEmail("sam@example.com")).toMatchObject({ name: "Samuel" });
  });
});
