import "server-only";
import { sql } from "drizzle-orm";
import type { Database, Transaction } from "@/lib/server/db/client";
import { chunkRanges, type ClientSelection } from "./client-selection";

/** Clients per chunk: big enough that per-statement costs vanish, small enough that one chunk's rows fit in memory comfortably. */
export const DEFAULT_CHUNK_SIZE = 25_000;
// Chunks in flight at once: enough to keep both cores of Postgres busy aggregating while this process reads rows.
// Each holds a connection of the app's pool of 10 meanwhile.
export const DEFAULT_WORKERS = 4;

type ChunkOptions = { chunkSize?: number; workers?: number };

/**
 * Walks every client in keyset ranges, `workers` ranges at a time, each handed to `work` once. After a failure the
 * other workers stop taking ranges, and this returns (rejecting) only once none is still writing.
 */
export async function forEachChunk(db: Database, options: ChunkOptions, work: (range: ClientSelection) => Promise<void>) {
  const nextRange = chunkRanges(db, options.chunkSize ?? DEFAULT_CHUNK_SIZE);
  let failed = false;
  const worker = async () => {
    try {
      for (let range = await nextRange(); range && !failed; range = await nextRange()) await work(range);
    } catch (error) {
      failed = true;
      throw error;
    }
  };
  const outcomes = await Promise.allSettled(Array.from({ length: options.workers ?? DEFAULT_WORKERS }, worker));
  const failure = outcomes.find((o) => o.status === "rejected");
  if (failure) throw failure.reason;
}

// The planner prices a range scan of orders_client_ordered_idx as random I/O and may read the whole orders table
// for every chunk instead; on SSD-backed storage the index is the cheap way.
export const CHUNK_SETTINGS = "set local random_page_cost = 1.1";

/** One chunk's read-only transaction. */
export async function inChunkTransaction<T>(db: Database, work: (tx: Transaction) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql.raw(CHUNK_SETTINGS));
    return work(tx);
  });
}
