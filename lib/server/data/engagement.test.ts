import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { SystemActor } from "@/lib/domain/access/policy";
import { db } from "@/lib/server/db/client";
import { clients, engagementSnapshots } from "@/lib/server/db/schema";
import { rescoreClient } from "@/lib/server/services/engagement/rescore-client";
import { runFullRescore } from "@/lib/server/services/engagement/run-full-rescore";
import { insertDemoClients, queueRun } from "@/test/engagement-fixtures";
import { userContext } from "@/test/fixtures";
import { getClientEngagement } from "./engagement";

const AS_OF = new Date("2026-06-01T00:00:00Z");
const DAY = 86_400_000;
const SYSTEM: SystemActor = { type: "system", name: "test" };

async function fullRun(asOf: Date) {
  const run = await queueRun(asOf);
  const done = await runFullRescore({ ctx: { actor: SYSTEM, db }, input: { runId: run.id, chunkSize: 5 } });
  expect(done.status).toBe("succeeded");
}

/** Demo clients of one stylist, scored by two full runs a week apart and, in between, the first client alone. */
async function scoredClients() {
  const stylist = await userContext("stylist");
  const ids = await insertDemoClients(12, AS_OF, stylist.actor.id);
  const [first, second] = ids;
  if (!first || !second) throw new Error("no clients");
  await fullRun(AS_OF);
  await rescoreClient({ ctx: stylist, input: { clientId: first, asOf: new Date(AS_OF.getTime() + 3 * DAY).toISOString() } });
  await fullRun(new Date(AS_OF.getTime() + 7 * DAY));
  return { stylist, first, second };
}

const snapshotCount = (clientId: string) => db.$count(engagementSnapshots, eq(engagementSnapshots.clientId, clientId));

describe("getClientEngagement", () => {
  it("shows a client's history from full runs and from rescoring the client alone, oldest first, latest on top", async () => {
    const { stylist, first, second } = await scoredClients();

    const engagement = await getClientEngagement(stylist, first);
    const days = engagement.history.map((h) => (h.asOf.getTime() - AS_OF.getTime()) / DAY);
    expect(days).toEqual([0, 3, 7]);
    const lastRun = new Date(AS_OF.getTime() + 7 * DAY);
    const [stored] = await db
      .select({ score: engagementSnapshots.score, tier: engagementSnapshots.tier, pAlive: engagementSnapshots.pAlive })
      .from(engagementSnapshots)
      .where(and(eq(engagementSnapshots.clientId, first), eq(engagementSnapshots.asOf, lastRun)));
    expect(stored).toBeDefined();
    expect(engagement.latest).toMatchObject({ asOf: lastRun, ...stored });
    expect(engagement.latest?.drivers.length).toBeGreaterThan(0);
    // How much each part counted, so a full bar with a low score is explained: shares summing to 1, and the score is
    // their weighting of the parts (faded further for a long-overdue client, never raised).
    const weights = engagement.latest?.weights;
    if (!weights) throw new Error("no weights");
    expect(Object.values(weights).reduce((sum, w) => sum + w, 0)).toBeCloseTo(1, 9);
    const components = engagement.latest?.components ?? {};
    const weighted = Object.entries(weights).reduce((sum, [part, w]) => sum + w * (components[part as keyof typeof components] ?? 0), 0);
    expect(engagement.latest?.score ?? 101).toBeLessThanOrEqual(Math.round(weighted) + 1);
    // Another client has the runs' dates only.
    expect((await getClientEngagement(stylist, second)).history.map((h) => (h.asOf.getTime() - AS_OF.getTime()) / DAY)).toEqual([0, 7]);
  });

  it("shows nothing of a client to another stylist", async () => {
    const { first } = await scoredClients();
    const other = await userContext("stylist");
    expect(await getClientEngagement(other, first)).toMatchObject({ latest: null, history: [] });
  });

  it("deletes a deleted client's snapshots, from runs and its own, and no one else's", async () => {
    const { first, second } = await scoredClients();
    expect(await snapshotCount(first)).toBe(3);
    expect(await snapshotCount(second)).toBe(2);

    await db.delete(clients).where(eq(clients.id, first));
    expect(await snapshotCount(first)).toBe(0);
    expect(await snapshotCount(second)).toBe(2);
  });

  it("deletes the snapshots of many clients deleted at once, then of one deleted alone", async () => {
    const { stylist, first } = await scoredClients();
    const ids = (await db.select({ id: clients.id }).from(clients).where(eq(clients.stylistId, stylist.actor.id))).map((c) => c.id);
    const [kept, alone, ...many] = ids.filter((id) => id !== first);
    await db.delete(clients).where(inArray(clients.id, [first, ...many]));
    for (const id of [first, ...many]) expect(await snapshotCount(id)).toBe(0);
    expect(await snapshotCount(kept ?? "")).toBe(2);

    await db.delete(clients).where(eq(clients.id, alone ?? ""));
    expect(await snapshotCount(alone ?? "")).toBe(0);
    expect(await snapshotCount(kept ?? "")).toBe(2);
  });
});
