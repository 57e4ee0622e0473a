import { asc, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { BinaryCopyWriter } from "@/lib/server/db/copy-binary";
import { clients, engagementSnapshots } from "@/lib/server/db/schema";
import { queueRun, tableExists } from "@/test/engagement-fixtures";
import { createRunSnapshots, dropUnpublishedRunSnapshots, indexRunSnapshots, ofRunsOrUnrun, publishRunSnapshots, runSnapshotsTable } from "./run-snapshots";

const AS_OF = new Date("2026-06-01T00:00:00Z");
const LATER = new Date("2026-06-02T00:00:00Z");

async function newClients(n: number): Promise<string[]> {
  const rows = await db
    .insert(clients)
    .values(Array.from({ length: n }, (_, i) => ({ name: `Client ${i}`, email: `client${i}@example.com` })))
    .returning({ id: clients.id });
  return rows.map((r) => r.id).sort();
}

/** What a full run writes before its swap: its own table, loaded with a score per client and indexed. */
async function loadRun(runId: string, asOf: Date, scores: Map<string, number>) {
  await db.$client.begin(async (tx) => {
    const writer = new BinaryCopyWriter(await createRunSnapshots(tx, { runId, asOf, modelFitId: null, modelVersion: "score-only" }, ["client_id", "score", "tier"]), {
      batchBytes: 1024,
      maxQueuedBytes: 4096,
    });
    for (const [id, score] of [...scores].sort(([a], [b]) => a.localeCompare(b))) writer.rows.row(3).uuid(id).int2(score).text("watch");
    await writer.end();
    await indexRunSnapshots(tx, runId);
  });
}

async function publish(runId: string, asOf: Date, clientsMayBeGone = false) {
  await db.$client.begin((tx) => publishRunSnapshots(tx, { runId, asOf }, { clientsMayBeGone }));
}

async function insertUnrunSnapshot(clientId: string, asOf: Date, score: number) {
  await db.insert(engagementSnapshots).values({ clientId, asOf, score, tier: "watch", modelVersion: "score-only" });
}

const snapshots = () =>
  db
    .select({ clientId: engagementSnapshots.clientId, runId: engagementSnapshots.runId, asOf: engagementSnapshots.asOf, score: engagementSnapshots.score })
    .from(engagementSnapshots)
    .orderBy(asc(engagementSnapshots.asOf), asc(engagementSnapshots.clientId));

describe("a full run's snapshots table", () => {
  it("becomes a partition with the run's constants in every row, replacing only what the run rescored on its date", async () => {
    const [scored, alsoScored, createdSince] = await newClients(3);
    if (!scored || !alsoScored || !createdSince) throw new Error("no clients");
    // Single-client snapshots: one of the run's date for a client it scores, one for a client it never read, one older.
    await insertUnrunSnapshot(scored, AS_OF, 10);
    await insertUnrunSnapshot(createdSince, AS_OF, 20);
    await insertUnrunSnapshot(scored, new Date(AS_OF.getTime() - 86_400_000), 30);
    const run = await queueRun(AS_OF);
    await loadRun(run.id, AS_OF, new Map([[scored, 70], [alsoScored, 80]]));
    // Loaded but not live: nobody sees its rows yet.
    expect((await snapshots()).filter((s) => s.runId === run.id)).toEqual([]);

    await publish(run.id, AS_OF);
    const stored = await snapshots();
    expect(stored.filter((s) => s.runId === run.id)).toEqual([
      { clientId: scored, runId: run.id, asOf: AS_OF, score: 70 },
      { clientId: alsoScored, runId: run.id, asOf: AS_OF, score: 80 },
    ].sort((a, b) => a.clientId.localeCompare(b.clientId)));
    expect(stored.filter((s) => s.runId === null).map((s) => s.score).sort()).toEqual([20, 30]);
    const [model] = await db.execute<{ version: string }>(sql`select distinct model_version as version from ${sql.raw(runSnapshotsTable(run.id))}`);
    expect(model?.version).toBe("score-only");
  });

  it("replaces an earlier run of the same date whole, keeps other dates, and drops rows of clients deleted meanwhile", async () => {
    const ids = await newClients(3);
    const [a, b, gone] = ids;
    if (!a || !b || !gone) throw new Error("no clients");
    const first = await queueRun(AS_OF);
    await loadRun(first.id, AS_OF, new Map([[a, 1], [b, 2]]));
    await publish(first.id, AS_OF);
    const other = await queueRun(LATER);
    await loadRun(other.id, LATER, new Map([[a, 5]]));
    await publish(other.id, LATER);

    const rerun = await queueRun(AS_OF);
    await loadRun(rerun.id, AS_OF, new Map([[a, 3], [b, 4], [gone, 9]]));
    await db.delete(clients).where(sql`${clients.id} = ${gone}`);
    await publish(rerun.id, AS_OF, true);

    expect(await tableExists(runSnapshotsTable(first.id))).toBe(false);
    expect((await snapshots()).map((s) => [s.clientId, s.runId, s.score])).toEqual([
      ...[[a, rerun.id, 3], [b, rerun.id, 4]].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
      [a, other.id, 5],
    ]);
  });

  it("is dropped when it never went live, leaving partitions and other tables alone", async () => {
    const [a] = await newClients(1);
    if (!a) throw new Error("no client");
    const live = await queueRun(AS_OF);
    await loadRun(live.id, AS_OF, new Map([[a, 1]]));
    await publish(live.id, AS_OF);
    const dead = await queueRun(LATER);
    await loadRun(dead.id, LATER, new Map([[a, 2]]));
    await db.execute(sql`create table snapshots_run_backup (like engagement_snapshots)`);

    await dropUnpublishedRunSnapshots(db.$client);
    expect(await tableExists(runSnapshotsTable(dead.id))).toBe(false);
    expect(await tableExists(runSnapshotsTable(live.id))).toBe(true);
    expect(await tableExists("snapshots_run_backup")).toBe(true);
    expect((await snapshots()).map((s) => s.score)).toEqual([1]);
    await db.execute(sql`drop table snapshots_run_backup`);
  });

  it("lets a query by run name only those runs' partitions, so the planner opens no other", async () => {
    const [a] = await newClients(1);
    if (!a) throw new Error("no client");
    const runs = [await queueRun(AS_OF), await queueRun(LATER), await queueRun(new Date(LATER.getTime() + 86_400_000))];
    for (const run of runs) {
      await loadRun(run.id, run.asOf, new Map([[a, 1]]));
      await publish(run.id, run.asOf);
    }
    const plan = async (runIds: string[]) =>
      (await db.execute<{ "QUERY PLAN": string }>(sql`explain select * from engagement_snapshots where client_id = ${a}::uuid and ${ofRunsOrUnrun(sql`run_id`, runIds)}`))
        .map((line) => line["QUERY PLAN"])
        .join("\n");
    const [first, second, third] = runs.map((run) => runSnapshotsTable(run.id));
    const two = await plan([runs[0]?.id ?? "", runs[2]?.id ?? ""]);
    expect(two).toContain(first);
    expect(two).toContain(third);
    expect(two).not.toContain(second);
    expect(two).toContain("engagement_snapshots_unrun");
    const none = await plan([]);
    expect(none).not.toMatch(/snapshots_run_/);
    expect(() => ofRunsOrUnrun(sql`run_id`, ["x'); drop table clients; --"])).toThrow(RangeError);
  });
});
