import { asc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { appEvent } from "@/inngest/events";
import { LEASE_MS } from "@/inngest/engine/claim";
import { tickEngine } from "@/inngest/engine/tick";
import { db } from "@/lib/server/db/client";
import { clientScores, clients, engagementSnapshots, engineRuns, eventOutbox, scoringRuns, tierChanges } from "@/lib/server/db/schema";
import { withEvents } from "@/lib/server/events/outbox";
import { stagedHistoriesTable } from "@/lib/server/engagement/full-run-tables";
import { runFullRescore } from "@/lib/server/services/engagement/run-full-rescore";
import { insertDemoClients, queueRun, runById, tableExists } from "@/test/engagement-fixtures";
import { ahead, drainEngine, serveInngestForEachTest } from "@/test/inngest-engine";

// The full-rescore function driven by the embedded engine over /api/inngest, step by step, as in production.
serveInngestForEachTest();

const AS_OF = new Date("2026-06-01T00:00:00Z");
const LATER = new Date("2026-07-16T00:00:00Z");
const CHUNK = 7;
const SYSTEM = { actor: { type: "system", name: "test" } as const, db };
class Crash extends Error {}

const snapshotsAt = (asOf: Date) =>
  db
    .select({ clientId: engagementSnapshots.clientId, score: engagementSnapshots.score, tier: engagementSnapshots.tier, recency: engagementSnapshots.recency, pAlive: engagementSnapshots.pAlive, expected: engagementSnapshots.expectedOrders90d, next: engagementSnapshots.nextOrderExpectedAt })
    .from(engagementSnapshots)
    .where(eq(engagementSnapshots.asOf, asOf))
    .orderBy(asc(engagementSnapshots.clientId));
const currentValues = () =>
  db
    .select({ id: clientScores.clientId, score: clientScores.score, tier: clientScores.tier, pAlive: clientScores.pAlive, next: clientScores.nextOrderExpectedAt, scoredAt: clientScores.scoredAt })
    .from(clientScores)
    .orderBy(asc(clientScores.clientId));
const tierChangedEvents = () => db.$count(eventOutbox, sql`name = 'rekindle/client.tier-changed'`);
const stagedTables = async (runId: string, chunks: number) => {
  let found = 0;
  for (let chunk = 0; chunk < chunks; chunk++) if (await tableExists(stagedHistoriesTable(runId, chunk))) found++;
  return found;
};

describe("full rescoring through the embedded engine", () => {
  it("finishes once after the engine dies between two chunk steps, with the scores, tier changes and events the in-process run gives", async () => {
    await insertDemoClients(40, AS_OF);
    await db.insert(clients).values({ name: "No orders yet", email: "none@example.com" });
    const chunks = Math.ceil(41 / CHUNK);
    // Scored once as of AS_OF, so the run as of LATER moves some tiers.
    expect((await runFullRescore({ ctx: SYSTEM, input: { runId: (await queueRun(AS_OF)).id, chunkSize: CHUNK } })).status).toBe("succeeded");
    const eventsBefore = await tierChangedEvents();

    const run = await queueRun(LATER);
    await withEvents(db, (_tx, emit) => emit(appEvent("rekindle/scoring.run-requested", { runId: run.id, chunkSize: CHUNK })));
    // The engine dies right after storing the second scoring step (begin, the learning, the reads and the fit come before them).
    const stepsBeforeCrash = 1 + 1 + chunks + 1 + 2;
    await expect(
      tickEngine({
        now: ahead(60_000),
        crons: false,
        afterCall: (engineRun) => {
          if (engineRun.functionId === "rekindle-full-rescore" && engineRun.stack.length >= stepsBeforeCrash) throw new Crash("killed");
        },
      }),
    ).rejects.toBeInstanceOf(Crash);
    const interrupted = await runById(run.id);
    expect(interrupted?.status).toBe("running");
    // Half-way: two chunks scored (their staged tables gone), the rest still staged; nothing live yet.
    expect(await stagedTables(run.id, chunks)).toBe(chunks - 2);
    expect(interrupted?.done).toBeGreaterThan(41 / 2);
    expect(interrupted?.done).toBeLessThan(41);
    expect(await snapshotsAt(LATER)).toHaveLength(0);

    // Restarted after the dead engine's lease ran out, it picks the run up at its next step and finishes it once.
    await drainEngine({ now: ahead(LEASE_MS + 60_000) });
    const [engineRun, ...others] = await db.select().from(engineRuns).where(eq(engineRuns.functionId, "rekindle-full-rescore"));
    expect(others).toHaveLength(0);
    expect(engineRun).toMatchObject({ status: "completed", output: { runId: run.id, status: "succeeded" } });
    expect(await runById(run.id)).toMatchObject({ status: "succeeded", done: 41, total: 41 });
    expect(await stagedTables(run.id, chunks)).toBe(0);
    // Every step's stored output is small: ranges, counts, a fit id.
    const outputs = Object.values(engineRun?.steps ?? {}).map((output) => JSON.stringify(output).length);
    expect(outputs.length).toBeGreaterThanOrEqual(2 * chunks + 5);
    expect(Math.max(...outputs)).toBeLessThan(2_000);

    // One snapshot per client but the one without orders, who keeps no score.
    const snapshots = await snapshotsAt(LATER);
    expect(snapshots).toHaveLength(40);
    expect(new Set(snapshots.map((s) => s.clientId)).size).toBe(40);
    const changes = await db.select({ clientId: tierChanges.clientId }).from(tierChanges).where(eq(tierChanges.runId, run.id));
    expect(changes.length).toBeGreaterThan(0);
    expect(new Set(changes.map((c) => c.clientId)).size).toBe(changes.length);
    // One tier-changed event per change, in the outbox with the change.
    expect((await tierChangedEvents()) - eventsBefore).toBe(changes.length);
    const values = await currentValues();

    // The same date run again in-process gives the very same scores.
    const rerun = await runFullRescore({ ctx: SYSTEM, input: { runId: (await queueRun(LATER)).id, chunkSize: CHUNK } });
    expect(rerun.status).toBe("succeeded");
    expect(await snapshotsAt(LATER)).toEqual(snapshots);
    expect(await currentValues()).toEqual(values);
    expect(await db.$count(scoringRuns, eq(scoringRuns.status, "succeeded"))).toBe(3);
  });
});
