import path from "node:path";
import { ensureDatabase } from "../lib/database";
import { startEmbeddedPostgres } from "../lib/embedded-postgres";

/**
 * Runs `body` against DATABASE_URL, or against the embedded dev database when none is set (`database` names another
 * database on the same embedded server, for benchmarks that seed their own).
 */
export async function withDatabase<T>(body: (url: string) => Promise<T>, database = "rekindle"): Promise<T> {
  if (process.env.DATABASE_URL) return body(process.env.DATABASE_URL);
  const dataDir = path.join(process.env.REKINDLE_DATA_DIR ?? ".data", "postgres");
  const pg = await startEmbeddedPostgres({ dataDir, port: Number(process.env.PGPORT ?? 5433), quiet: true });
  try {
    await ensureDatabase(pg.url("postgres"), database);
    process.env.DATABASE_URL = pg.url(database);
    return await body(pg.url(database));
  } finally {
    await pg.stop();
  }
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export async function timeRuns(runs: number, fn: () => Promise<unknown>): Promise<{ median: number; p95: number; min: number }> {
  await fn(); // warm the cache and the plan
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: percentile(times, 50), p95: percentile(times, 95), min: times[0] ?? Number.NaN };
}
