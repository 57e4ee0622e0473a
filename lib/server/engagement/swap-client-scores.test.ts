import { asc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { BinaryCopyRows, copyAllRows, uuidToBytes } from "@/lib/server/db/copy-binary";
import { clientScores, clients, tierChanges } from "@/lib/server/db/schema";
import { queueRun } from "@/test/engagement-fixtures";
import { RunTierChanges } from "./run-tier-changes";
import { CLIENT_SCORE_COPY_COLUMNS, copyIntoNextClientScores, createNextClientScores, indexNextClientScores, liveClientScoreIndexes, readHorizon, swapInNextClientScores } from "./swap-client-scores";

const AS_OF = new Date("2026-06-01T00:00:00Z");
const LATER = new Date("2026-06-05T00:00:00Z");
const EARLIER = new Date("2026-05-01T00:00:00Z");

type Tier = "healthy" | "watch" | "at_risk" | "lapsed";
type Score = { score: number; tier: Tier; scoredAt: Date };

let created = 0;
async function newClients(n: number): Promise<string[]> {
  const rows = await db
    .insert(clients)
    .values(Array.from({ length: n }, () => ({ name: `Client ${++created}`, email: `client${created}@example.com` })))
    .returning({ id: clients.id });
  return rows.map((r) => r.id);
}

async function setLive(id: string, value: Score) {
  await db.update(clientScores).set(value).where(eq(clientScores.clientId, id));
}

/** What a run loads: the fresh table with the given rows, indexed as the live one. */
async function loadNext(rows: Map<string, Score>) {
  const copied = new BinaryCopyRows();
  for (const [id, r] of rows) copied.row(CLIENT_SCORE_COPY_COLUMNS.length).uuid(id).int2(r.score).text(r.tier).null().null().null().timestamptz(r.scoredAt.getTime()).null();
  await db.$client.begin(async (tx) => {
    await createNextClientScores(tx);
    await copyAllRows(await copyIntoNextClientScores(tx), copied);
  });
  await indexNextClientScores(db.$client, await liveClientScoreIndexes(db.$client));
}

function tierChangeRows(changes: { id: string; from: Tier; to: Tier; score: number }[]) {
  const rows = new RunTierChanges();
  const bytes = new Uint8Array(16);
  for (const c of changes) {
    uuidToBytes(c.id, 0, bytes, 0);
    rows.add(bytes, 0, c.from, c.to, c.score);
  }
  return rows;
}

const liveScores = async () =>
  new Map(
    (await db.select().from(clientScores).orderBy(asc(clientScores.clientId))).map((r) => [r.clientId, { score: r.score, tier: r.tier, scoredAt: r.scoredAt }]),
  );

/** `n` clients scored healthy earlier, and a run that has read them all and scored them 72, still healthy. */
async function runOverHealthyClients(n: number) {
  const ids = await newClients(n);
  for (const id of ids) await setLive(id, { score: 70, tier: "healthy", scoredAt: EARLIER });
  const run = await queueRun(AS_OF);
  const horizon = await readHorizon(db.$client);
  await loadNext(new Map(ids.map((id) => [id, { score: 72, tier: "healthy", scoredAt: AS_OF } satisfies Score])));
  return { ids, run, horizon };
}

describe("swapping a full run's scores in", () => {
  it("keeps later scores and clients created meanwhile, drops clients deleted meanwhile, and stores only tier changes still true", async () => {
    const [steady, rescoredLater, movedMeanwhile, deleted] = await newClients(4);
    if (!steady || !rescoredLater || !movedMeanwhile || !deleted) throw new Error("no clients");
    const before: Score = { score: 70, tier: "healthy", scoredAt: EARLIER };
    for (const id of [steady, rescoredLater, movedMeanwhile, deleted]) await setLive(id, before);
    const run = await queueRun(AS_OF);
    const horizon = await readHorizon(db.$client);
    const [created] = await newClients(1);
    if (!created) throw new Error("no client");

    // The run read four clients, all healthy before; it scores three of them lower.
    await loadNext(
      new Map<string, Score>([
        [steady, { score: 40, tier: "at_risk", scoredAt: AS_OF }],
        [rescoredLater, { score: 45, tier: "at_risk", scoredAt: AS_OF }],
        [movedMeanwhile, { score: 50, tier: "watch", scoredAt: AS_OF }],
        [deleted, { score: 10, tier: "lapsed", scoredAt: AS_OF }],
      ]),
    );
    // Meanwhile: one client is rescored as of a later date, one is moved as of an earlier one, one is deleted.
    await setLive(rescoredLater, { score: 90, tier: "healthy", scoredAt: LATER });
    await setLive(movedMeanwhile, { score: 55, tier: "watch", scoredAt: EARLIER });
    await db.delete(clients).where(eq(clients.id, deleted));
    const changes = tierChangeRows([
      { id: steady, from: "healthy", to: "at_risk", score: 40 },
      { id: rescoredLater, from: "healthy", to: "at_risk", score: 45 },
      { id: movedMeanwhile, from: "healthy", to: "watch", score: 50 },
      { id: deleted, from: "healthy", to: "lapsed", score: 10 },
    ]);
    await swapInNextClientScores(db.$client, { asOf: AS_OF, runId: run.id, tierChanges: changes, loaded: 4, readHorizon: horizon, indexes: await liveClientScoreIndexes(db.$client) });

    const live = await liveScores();
    expect(live.get(steady)).toEqual({ score: 40, tier: "at_risk", scoredAt: AS_OF });
    expect(live.get(rescoredLater)).toEqual({ score: 90, tier: "healthy", scoredAt: LATER });
    expect(live.get(movedMeanwhile)).toEqual({ score: 50, tier: "watch", scoredAt: AS_OF });
    expect(live.get(created)).toEqual({ score: null, tier: null, scoredAt: null });
    expect(live.has(deleted)).toBe(false);
    expect(live.size).toBe(4);
    const stored = await db.select().from(tierChanges).where(eq(tierChanges.runId, run.id));
    expect(stored.map((c) => [c.clientId, c.fromTier, c.toTier, c.score, c.changedAt])).toEqual([[steady, "healthy", "at_risk", 40, AS_OF]]);

    // The swapped-in table is the live one in every way: new clients get a row, deleting a client removes it.
    const [another] = await newClients(1);
    expect((await liveScores()).has(another ?? "")).toBe(true);
    await db.delete(clients).where(eq(clients.id, steady));
    expect((await liveScores()).has(steady)).toBe(false);
    expect(await db.$count(tierChanges, eq(tierChanges.clientId, steady))).toBe(0);
  });

  it("drops a client deleted meanwhile when nothing else changed, without counting the copy", async () => {
    const { ids, run, horizon } = await runOverHealthyClients(3);
    const [deleted, ...kept] = ids;
    await db.delete(clients).where(eq(clients.id, deleted ?? ""));
    const told: { clientsMayBeGone: boolean }[] = [];
    await swapInNextClientScores(
      db.$client,
      { asOf: AS_OF, runId: run.id, tierChanges: tierChangeRows([]), loaded: ids.length, readHorizon: horizon, indexes: await liveClientScoreIndexes(db.$client) },
      async (_tx, context) => void told.push(context),
    );

    const live = await liveScores();
    expect([...live.keys()].sort()).toEqual([...kept].sort());
    // What goes live alongside (the run's snapshots) hears of it, once.
    expect(told).toEqual([{ clientsMayBeGone: true }]);
    for (const id of kept) expect(live.get(id)).toEqual({ score: 72, tier: "healthy", scoredAt: AS_OF });
  });

  it("tells what goes live alongside that nobody was deleted, once it holds the live table", async () => {
    const { ids, run, horizon } = await runOverHealthyClients(2);
    const seen: { clientsMayBeGone: boolean; lockedScores: boolean }[] = [];
    await swapInNextClientScores(
      db.$client,
      { asOf: AS_OF, runId: run.id, tierChanges: tierChangeRows([]), loaded: ids.length, readHorizon: horizon, indexes: await liveClientScoreIndexes(db.$client) },
      async (tx, context) => {
        const [lock] = await tx<{ held: boolean }[]>`
          select exists (select 1 from pg_locks where relation = 'client_scores'::regclass and mode = 'AccessExclusiveLock' and pid = pg_backend_pid()) as held`;
        seen.push({ ...context, lockedScores: lock?.held === true });
      },
    );
    expect(seen).toEqual([{ clientsMayBeGone: false, lockedScores: true }]);
  });

  it("keeps a client created meanwhile and scored as of an earlier date, while one deleted meanwhile goes", async () => {
    const { ids, run, horizon } = await runOverHealthyClients(3);
    // One client in, one out: the live table has as many rows as the run loaded.
    const [created] = await newClients(1);
    await setLive(created ?? "", { score: 20, tier: "lapsed", scoredAt: EARLIER });
    const [deleted, ...kept] = ids;
    await db.delete(clients).where(eq(clients.id, deleted ?? ""));
    await swapInNextClientScores(db.$client, { asOf: AS_OF, runId: run.id, tierChanges: tierChangeRows([]), loaded: ids.length, readHorizon: horizon, indexes: await liveClientScoreIndexes(db.$client) });

    const live = await liveScores();
    expect([...live.keys()].sort()).toEqual([...kept, created].sort());
    expect(live.get(created ?? "")).toEqual({ score: 20, tier: "lapsed", scoredAt: EARLIER });
  });

  it("fills in only older rows when the run is as of an earlier date than most live scores", async () => {
    const ids = await newClients(5);
    const [unscored, older] = ids;
    for (const id of ids.slice(2)) await setLive(id, { score: 80, tier: "healthy", scoredAt: LATER });
    if (older) await setLive(older, { score: 80, tier: "healthy", scoredAt: EARLIER });
    const run = await queueRun(AS_OF);
    await loadNext(new Map(ids.map((id) => [id, { score: 30, tier: "at_risk", scoredAt: AS_OF } satisfies Score])));
    await swapInNextClientScores(db.$client, {
      asOf: AS_OF,
      runId: run.id,
      tierChanges: tierChangeRows(ids.map((id) => ({ id, from: "healthy", to: "at_risk", score: 30 }))),
      loaded: ids.length,
      readHorizon: await readHorizon(db.$client),
      indexes: await liveClientScoreIndexes(db.$client),
    });

    const live = await liveScores();
    const filled = { score: 30, tier: "at_risk", scoredAt: AS_OF };
    expect(live.get(unscored ?? "")).toEqual(filled);
    expect(live.get(older ?? "")).toEqual(filled);
    for (const id of ids.slice(2)) expect(live.get(id)).toEqual({ score: 80, tier: "healthy", scoredAt: LATER });
    expect((await db.select().from(tierChanges).where(eq(tierChanges.runId, run.id))).map((c) => c.clientId)).toEqual([older]);
    const [leftover] = await db.execute<{ exists: boolean }>(sql`select to_regclass('client_scores_next') is not null as exists`);
    expect(leftover?.exists).toBe(false);
  });
});
