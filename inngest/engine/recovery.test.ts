import { eq } from "drizzle-orm";
import { serve } from "inngest/next";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createInngestClient } from "@/inngest/client";
import { db } from "@/lib/server/db/client";
import { engineRuns, engineSteps } from "@/lib/server/db/schema";
import { ahead } from "@/test/inngest-engine";
import { startRouteServer } from "@/test/loopback/route-server";
import { LEASE_MS } from "./claim";
import { syncApp } from "./sync";
import { tickEngine } from "./tick";

// A function of this test's own, served like the app's: two side effects around a sleep, the second failing once.
const effects = { first: 0, second: 0, failSecond: 1 };
const client = createInngestClient("engine-test");
const twoSteps = client.createFunction({ id: "two-steps", triggers: [{ event: "test/two-steps" }], retries: 2 }, async ({ step }) => {
  const a = await step.run("first", () => ++effects.first);
  await step.sleep("pause", "1m");
  const b = await step.run("second", () => {
    effects.second++;
    if (effects.failSecond-- > 0) throw new Error("flaky");
    return effects.second;
  });
  return { a, b };
});

let server: Awaited<ReturnType<typeof startRouteServer>>;
beforeAll(async () => {
  const { GET, POST, PUT } = serve({ client, functions: [twoSteps] });
  server = await startRouteServer({ "/api/inngest": { GET, POST, PUT } });
});
beforeEach(() => syncApp(`${server.url}/api/inngest`));
afterAll(() => server.close());

class Crash extends Error {}

describe("a run interrupted and resumed", () => {
  it("finishes once after the engine dies between two steps, without redoing a stored step; honours the sleep and the retry", async () => {
    Object.assign(effects, { first: 0, second: 0, failSecond: 1 });
    await client.send({ name: "test/two-steps", data: {}, id: "two-steps-1" });
    // The engine dies right after storing the first step's result.
    await expect(
      tickEngine({
        afterCall: () => {
          throw new Crash("killed");
        },
      }),
    ).rejects.toBeInstanceOf(Crash);
    expect(effects.first).toBe(1);
    const [interrupted] = await db.select().from(engineRuns);
    expect(interrupted?.status).toBe("running");
    // A restarted engine before the dead one's lease ran out leaves the run alone…
    expect((await tickEngine()).runsDriven).toBe(0);
    // …and takes it over after: the stored step is not run again, and the run now sleeps for its minute.
    const afterLease = ahead(LEASE_MS + 1_000);
    expect((await tickEngine({ now: afterLease })).runsDriven).toBe(1);
    const [sleeping] = await db.select().from(engineRuns);
    expect(sleeping?.status).toBe("queued");
    expect(sleeping?.nextAt.getTime()).toBeGreaterThan(afterLease().getTime() + 50_000);
    expect((await tickEngine({ now: afterLease })).runsDriven).toBe(0);
    // After the sleep the second step fails once, is retried after its back-off, and the run completes.
    const later = ahead(LEASE_MS + 90_000);
    await tickEngine({ now: later });
    const [retrying] = await db.select().from(engineRuns);
    expect(retrying).toMatchObject({ status: "queued", attempt: 1 });
    await tickEngine({ now: ahead(LEASE_MS + 120_000) });
    const [done] = await db.select().from(engineRuns);
    expect(done).toMatchObject({ status: "completed", output: { a: 1, b: 2 } });
    expect(effects).toMatchObject({ first: 1, second: 2 });
    const steps = await db.select().from(engineSteps).where(eq(engineSteps.runId, done?.id ?? "")).orderBy(engineSteps.startedAt);
    expect(steps.map((s) => [s.name, s.outcome.split(" ")[0]])).toEqual([
      ["first", "ok"],
      ["pause", "sleeping"],
      ["second", "retrying"],
      ["second", "ok"],
      ["function", "completed"],
    ]);
  });

  it("starts nothing for an event id it has seen", async () => {
    await client.send({ name: "test/two-steps", data: {}, id: "same-id" });
    await client.send({ name: "test/two-steps", data: {}, id: "same-id" });
    expect(await db.$count(engineRuns)).toBe(1);
  });
});
