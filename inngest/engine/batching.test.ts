import { serve } from "inngest/next";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createInngestClient } from "@/inngest/client";
import { db } from "@/lib/server/db/client";
import { engineBatchEvents, engineRuns } from "@/lib/server/db/schema";
import { ahead } from "@/test/inngest-engine";
import { startRouteServer } from "@/test/loopback/route-server";
import { syncApp } from "./sync";
import { tickEngine } from "./tick";

// A batched function of this test's own: it answers the events its run got, as Inngest hands them over.
const client = createInngestClient("batching-test");
const batched = client.createFunction(
  { id: "batched", triggers: [{ event: "test/batched" }], retries: 0, batchEvents: { maxSize: 3, timeout: "5s", key: "event.data.k" } },
  async ({ events }) => events.map((e) => String(e.data.n)),
);

let server: Awaited<ReturnType<typeof startRouteServer>>;
beforeAll(async () => {
  const { GET, POST, PUT } = serve({ client, functions: [batched] });
  server = await startRouteServer({ "/api/inngest": { GET, POST, PUT } });
});
beforeEach(() => syncApp(`${server.url}/api/inngest`));
afterAll(() => server.close());

// Runs started in one tick share their creation time, so order them by the first event they hold.
const firstEvent = (output: unknown) => (Array.isArray(output) ? Number(output[0]) : Number.NaN);
const outputs = async () =>
  (await db.select().from(engineRuns).orderBy(engineRuns.createdAt))
    .map((r) => [r.status, r.output] as const)
    .sort((a, b) => firstEvent(a[1]) - firstEvent(b[1]));

describe("batchEvents in the embedded engine", () => {
  it("starts a run per key when its batch is full or its first event has waited the timeout, with the events in order", async () => {
    await client.send([
      ...Array.from({ length: 7 }, (_, n) => ({ name: "test/batched", data: { k: "a", n } })),
      { name: "test/batched", data: { k: "b", n: 100 } },
    ]);
    // Now: only full batches start; the seventh event of "a" and the lone "b" wait.
    await tickEngine({ crons: false });
    expect(await outputs()).toEqual([
      ["completed", ["0", "1", "2"]],
      ["completed", ["3", "4", "5"]],
    ]);
    expect(await db.$count(engineBatchEvents)).toBe(2);
    // After the timeout, each waiting batch starts with what it holds.
    await tickEngine({ now: ahead(6_000), crons: false });
    const done = await outputs();
    expect(done).toHaveLength(4);
    expect(done.slice(2).map(([, output]) => output)).toEqual([["6"], ["100"]]);
    expect(await db.$count(engineBatchEvents)).toBe(0);
  });

  it("puts an event sent twice under one id into one batch once", async () => {
    await client.send({ name: "test/batched", data: { k: "a", n: 1 }, id: "once" });
    await client.send({ name: "test/batched", data: { k: "a", n: 1 }, id: "once" });
    await tickEngine({ now: ahead(6_000), crons: false });
    expect(await outputs()).toEqual([["completed", ["1"]]]);
  });
});
