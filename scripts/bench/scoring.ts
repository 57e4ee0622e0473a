/**
 * `npm run bench:scoring`: how long engagement scoring takes. Prints one table:
 * - the BG/NBD fit on the CDNOW sample (../shared/datasets/cdnow),
 * - for 100,000 and 1,000,000 demo clients (about ten orders each): the BG/NBD fit alone, a first full rescoring
 *   (every client unscored) and a rescoring a day after the last (the nightly case), each the median of three after
 *   one unmeasured warm-up run of each kind, and the bare SQL aggregation of their orders (the chunked aggregation
 *   the rescoring runs, without its join to each client's last tier; rows fetched, nothing scored or written), timed
 *   right before each measured run, so that each ratio divides medians taken side by side: this machine's speed
 *   drifts by a third within minutes, and an aggregation timed once, before all runs, took that drift into the
 *   ratios (the same code measured 2.82× and 1.96× in two invocations). The ratio of the fastest of each, the pair
 *   the machine disturbed least, is shown too. Each measurement starts from a settled database (vacuumed, analyzed,
 *   checkpointed), as a nightly run finds it; what settling costs right after a run (the clean-up the database
 *   otherwise does in the background) is timed and shown beside it.
 * Runs in a throwaway embedded Postgres in .data/bench-scoring, deleted at the end.
 * Env: SIZES=100000,1000000  SHARED_BUFFERS=2GB (the dev default is 256MB; a server holding a million clients
 * gets more, and the clients table's dozen indexes make every rewritten row cost a lot once they do not fit).
 */
import fs from "node:fs";
import path from "node:path";
import { ensureDatabase } from "../lib/database";
import { startEmbeddedPostgres } from "../lib/embedded-postgres";
import { CDNOW_DIR } from "../lib/shared-dir";
import { timeRuns } from "./with-database";

const DATA_DIR = path.join(".data", "bench-scoring");
const SIZES = (process.env.SIZES ?? "100000,1000000").split(",").map(Number);
const SHARED_BUFFERS = process.env.SHARED_BUFFERS ?? "2GB";
const CDNOW = path.join(CDNOW_DIR, "cdnow_customers_summary.csv");
const AS_OF = new Date("2026-06-01T00:00:00Z");

type Row = { step: string; clients: number | null; ms: number; note?: string };
const rows: Row[] = [];
const seconds = (ms: number) => (ms / 1000).toFixed(ms < 1000 ? 3 : 1);
const count = (n: number) => n.toLocaleString("en-US");

async function timed<T>(step: string, clients: number | null, fn: () => Promise<T>, note?: (result: T) => string): Promise<{ result: T; ms: number }> {
  const start = performance.now();
  const result = await fn();
  const row = { step, clients, ms: performance.now() - start, note: note?.(result) };
  rows.push(row);
  console.log(`  ${step}: ${seconds(row.ms)} s${row.note ? ` (${row.note})` : ""}`);
  return { result, ms: row.ms };
}

function loadCdnow() {
  const [header, ...lines] = fs.readFileSync(CDNOW, "utf8").trim().split(/\r?\n/);
  const columns = (header ?? "").split(",");
  const at = (name: string) => columns.indexOf(name);
  return lines.map((line) => {
    const cells = line.split(",").map(Number);
    return { x: cells[at("frequency")] ?? Number.NaN, tx: cells[at("recency")] ?? Number.NaN, T: cells[at("T")] ?? Number.NaN };
  });
}

fs.rmSync(DATA_DIR, { recursive: true, force: true });
const pg = await startEmbeddedPostgres({ dataDir: DATA_DIR, persistent: false, quiet: true, settings: { shared_buffers: SHARED_BUFFERS } });
try {
  await ensureDatabase(pg.url("postgres"), "bench");
  process.env.DATABASE_URL = pg.url("bench");
  const { migrateDatabase } = await import("@/lib/server/db/migrate");
  await migrateDatabase(pg.url("bench"));
  const { db } = await import("@/lib/server/db/client");
  const { sql } = await import("drizzle-orm");
  const { DistinctBgNbdInputs, fitBgNbd } = await import("@/lib/domain/engagement");
  const { seedDemoData } = await import("../seed/seed-demo-data");
  const { aggregateHistoryColumns } = await import("@/lib/server/engagement/client-histories");
  const { forEachChunk, inChunkTransaction } = await import("@/lib/server/engagement/chunk-work");
  const { fitHistories, loadBgNbdHistories } = await import("@/lib/server/engagement/model-fit");
  const { startFullRescore } = await import("@/lib/server/services/engagement/start-full-rescore");
  const { executeFullRun } = await import("@/lib/server/engagement/full-run");
  const { DEFAULT_WORKERS } = await import("@/lib/server/engagement/chunk-work");
  const { dropAllRunSnapshots, runSnapshotsTable } = await import("@/lib/server/engagement/run-snapshots");
  const ctx = { actor: { type: "system", name: "bench" } as const, db };
  const [settings] = await db.execute<{ shared_buffers: string; version: string }>(sql`select current_setting('shared_buffers') as shared_buffers, current_setting('server_version') as version`);
  console.log(`PostgreSQL ${settings?.version}, shared_buffers ${settings?.shared_buffers}`);

  const cdnow = loadCdnow();
  const fit = await timeRuns(20, async () => fitBgNbd(cdnow));
  rows.push({ step: "BG/NBD fit, CDNOW (median of 20)", clients: cdnow.length, ms: fit.median, note: `p95 ${fit.p95.toFixed(1)} ms` });
  console.log(`CDNOW fit: median ${fit.median.toFixed(1)} ms over ${cdnow.length} customers`);

  for (const size of SIZES) {
    console.log(`\n${count(size)} clients`);
    const { result: seeded } = await timed(`seed ${count(size)} demo clients`, size, () => seedDemoData({ url: pg.url("bench"), clients: size, seed: 1, asOf: AS_OF, reset: true }), (r) => `${count(r.orders)} orders`);
    // Every run adds a partition of the snapshots (see run-snapshots.ts); runs forgotten here leave theirs behind.
    const forgetRuns = async () => {
      await dropAllRunSnapshots(db.$client);
      await db.execute(sql`truncate engagement_snapshots, tier_changes, model_fits, scoring_runs`);
    };
    await forgetRuns();
    // Every measurement starts from a settled database, as a nightly run finds it a day after the last: autovacuum
    // has set the visibility map and refreshed statistics, and a checkpoint has written out what the last writes left
    // dirty. Otherwise the clean-up after the seed or after the previous run lands, at random, inside a measured one.
    const settle = async () => {
      await db.execute(sql`vacuum analyze clients, client_scores, orders, engagement_snapshots, tier_changes, model_fits, scoring_runs`);
      await db.execute(sql`checkpoint`);
    };
    await settle();

    const bare = async () => {
      let histories = 0;
      await forEachChunk(db, {}, async (range) => {
        const found = await inChunkTransaction(db, (tx) => aggregateHistoryColumns(tx, range, AS_OF));
        histories += found.histories.size;
      });
      return histories;
    };
    const timedBare = async () => {
      const start = performance.now();
      await bare();
      return performance.now() - start;
    };
    // Once to warm up (and to count the histories); it is timed again before each measured run below.
    const histories = await bare();
    // The run fits on the histories it aggregated; timed here alone, from the same GROUP BY the backtest uses.
    const weighted = await loadBgNbdHistories(db, AS_OF);
    const distinct = DistinctBgNbdInputs.ofWeighted(weighted);
    await timed("  of which the BG/NBD fit", size, async () => fitHistories(distinct, AS_OF), (f) => (f ? `${count(weighted.length)} distinct histories; r ${f.fit.params.r.toFixed(3)}, α ${f.fit.params.alpha.toFixed(2)}, a ${f.fit.params.a.toFixed(3)}, b ${f.fit.params.b.toFixed(3)}` : "no usable fit"));

    // The steps the full-rescore function runs, here in-process with chunks side by side as runFullRescore runs them,
    // each step timed: the longest of each kind is what one serverless invocation must fit.
    const stepTimes = new Map<string, { steps: number; longest: number }>();
    const timedSteps = {
      workers: DEFAULT_WORKERS,
      run: async <T>(id: string, work: () => Promise<T>) => {
        const start = performance.now();
        const result = await work();
        const kind = id.replace(/-\d+$/, "");
        const seen = stepTimes.get(kind) ?? { steps: 0, longest: 0 };
        stepTimes.set(kind, { steps: seen.steps + 1, longest: Math.max(seen.longest, performance.now() - start) });
        return result;
      },
    };
    const stepNote = () => [...stepTimes].map(([kind, t]) => `${kind}${t.steps > 1 ? ` ×${t.steps}` : ""} ≤${seconds(t.longest)}`).join(", ");
    const rescore = async (asOf: Date) => {
      stepTimes.clear();
      const start = performance.now();
      const run = await startFullRescore({ ctx, input: { asOf: asOf.toISOString() } });
      const outcome = await executeFullRun(db, run.id, timedSteps);
      const ms = performance.now() - start;
      if (outcome.status !== "succeeded") throw new Error(`run failed: ${outcome.error}`);
      console.log(`    steps (longest, s): ${stepNote()}`);
      return { ms, run };
    };
    // What a run did, counted after its timing.
    const describe = async (run: { id: string; asOf: Date }) => {
      const [stats] = await db.execute<{ changes: number; rewritten: number }>(sql`
        select (select count(*)::int from tier_changes where run_id = ${run.id}::uuid) as changes,
          (select count(*)::int from client_scores where scored_at = ${run.asOf.toISOString()}::timestamptz) as rewritten`);
      return `${count(stats?.rewritten ?? 0)} clients scored, ${count(stats?.changes ?? 0)} tier changes`;
    };
    const unscoreEveryone = async () => {
      await forgetRuns();
      await db.execute(sql`truncate client_scores`);
      await db.execute(sql`insert into client_scores (client_id) select id from clients`);
    };
    // What the settling costs right after a run: vacuuming and analyzing what it wrote (its snapshots' partition, the
    // new client_scores, the tier changes), and writing out the pages it left dirty. The database does this in the
    // background, outside the run's time; it is shown beside it.
    const cleanUp = async (runId: string) => {
      const start = performance.now();
      await db.execute(sql.raw(`vacuum analyze ${runSnapshotsTable(runId)}, client_scores, tier_changes`));
      await db.execute(sql`checkpoint`);
      return performance.now() - start;
    };
    const medianOf = (values: number[]) => {
      const sorted = [...values].sort((x, y) => x - y);
      const middle = sorted.length / 2;
      return Number.isInteger(middle) ? ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2 : (sorted[Math.floor(middle)] ?? Number.NaN);
    };
    const bareRuns: number[] = [];
    // Each kind measured three times, each run right after a bare aggregation on the same settled database, and
    // reported by the medians of both.
    const measure = async (step: string, runs: { prepare?: () => Promise<void>; asOf: Date }[]) => {
      const timings: number[] = [];
      const bares: number[] = [];
      const cleanUps: number[] = [];
      let note = "";
      for (const { prepare, asOf } of runs) {
        await prepare?.();
        await settle();
        bares.push(await timedBare());
        const { ms, run } = await rescore(asOf);
        timings.push(ms);
        cleanUps.push(await cleanUp(run.id));
        note = await describe(run);
        console.log(`  ${step}, as of ${asOf.toISOString().slice(0, 10)}: ${seconds(ms)} s (${note}), bare aggregation just before ${seconds(bares.at(-1) ?? 0)} s, then clean-up ${seconds(cleanUps.at(-1) ?? 0)} s`);
      }
      bareRuns.push(...bares);
      const median = medianOf(timings);
      const bareMedian = medianOf(bares);
      const cleanUpMedian = medianOf(cleanUps);
      rows.push({ step: `${step} (median of 3)`, clients: size, ms: median, note: `${note}; runs ${timings.map(seconds).join(", ")} s` });
      rows.push({ step: "  its steps, longest of each kind (last run)", clients: null, ms: Number.NaN, note: stepNote() });
      rows.push({ step: "  bare aggregation before each (median of 3)", clients: size, ms: bareMedian, note: `runs ${bares.map(seconds).join(", ")} s` });
      rows.push({ step: "  then vacuum, analyze, checkpoint (median of 3)", clients: null, ms: cleanUpMedian, note: `runs ${cleanUps.map(seconds).join(", ")} s` });
      return { ms: median, bareMs: bareMedian, cleanUpMs: cleanUpMedian, fastestMs: Math.min(...timings), fastestBareMs: Math.min(...bares) };
    };
    const daysLater = (days: number) => new Date(AS_OF.getTime() + days * 86_400_000);
    // One unmeasured run of each kind first (compiling their code paths, loading their tables), as the aggregation's
    // warm-up does: a first run never meets a tier change, so the nightly kind has code of its own to warm.
    await rescore(AS_OF);
    await rescore(daysLater(1));
    // The first run ever: every client unscored, as seeded.
    const first = await measure("full rescore, first", [0, 1, 2].map(() => ({ prepare: unscoreEveryone, asOf: AS_OF })));
    // The nightly case: each a day after the last.
    const daily = await measure("full rescore, a day later", [1, 2, 3].map((days) => ({ asOf: daysLater(days) })));
    rows.push({
      step: `bare SQL aggregation, ${count(seeded.orders)} orders (median of 6)`,
      clients: size,
      ms: medianOf(bareRuns),
      note: `${count(histories)} histories; the three before each kind's runs, as above`,
    });
    // The fastest of each is the one the machine disturbed least: shown beside the medians, not instead of them.
    const ratio = (kind: { ms: number; bareMs: number; cleanUpMs: number; fastestMs: number; fastestBareMs: number }) =>
      `${(kind.ms / kind.bareMs).toFixed(2)}× (${((kind.ms + kind.cleanUpMs) / kind.bareMs).toFixed(2)}× counting the clean-up after it; fastest run / fastest aggregation ${(kind.fastestMs / kind.fastestBareMs).toFixed(2)}×)`;
    rows.push({ step: "ratio first rescore / bare aggregation", clients: null, ms: Number.NaN, note: ratio(first) });
    rows.push({ step: "ratio daily rescore / bare aggregation", clients: null, ms: Number.NaN, note: ratio(daily) });
  }
  await db.$client.end();

  console.log(`\n${"step".padEnd(52)} ${"clients".padStart(10)} ${"seconds".padStart(9)} ${"clients/s".padStart(10)}  note`);
  for (const r of rows) {
    const rate = r.clients && Number.isFinite(r.ms) ? count(Math.round(r.clients / (r.ms / 1000))) : "";
    const time = Number.isFinite(r.ms) ? seconds(r.ms) : "";
    console.log(`${r.step.padEnd(52)} ${(r.clients ? count(r.clients) : "").padStart(10)} ${time.padStart(9)} ${rate.padStart(10)}  ${r.note ?? ""}`);
  }
} finally {
  await pg.stop();
  fs.rmSync(DATA_DIR, { recursive: true, force: true });
}
