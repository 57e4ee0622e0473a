import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { clientScores, engineRuns, eventOutbox } from "@/lib/server/db/schema";
import { createOrder } from "@/lib/server/services/orders/create-order";
import { createClient } from "@/lib/server/services/clients/create-client";
import { clientInput, orderInput, userContext } from "@/test/fixtures";
import { drainEngine, serveInngestForEachTest } from "@/test/inngest-engine";

serveInngestForEachTest();

describe("the embedded engine", () => {
  it("rescores a client after an order through /api/inngest", async () => {
    const ctx = await userContext("admin");
    const client = await createClient({ ctx, input: clientInput() });
    if (!client) throw new Error("no client");
    await createOrder({ ctx, input: orderInput({ clientId: client.id }) });
    const rows = await db.select().from(eventOutbox);
    expect(rows.map((r) => [r.name, r.forwardedAt instanceof Date])).toEqual([
      ["rekindle/client.profile-updated", true],
      ["rekindle/client.orders-changed", true],
    ]);
    expect(await drainEngine()).toBeGreaterThan(0);
    const runs = await db.select().from(engineRuns).where(eq(engineRuns.functionId, "rekindle-rescore-client"));
    expect(runs.map((r) => r.status)).toEqual(["completed"]);
    const [score] = await db.select().from(clientScores).where(eq(clientScores.clientId, client.id));
    expect(score?.scoredAt).toBeInstanceOf(Date);
  });
});
