import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { TransactionSql } from "postgres";

/**
 * Streams COPY text into `table`. The source is pulled lazily, so rows are generated while PostgreSQL
 * ingests the previous ones and memory stays flat however many rows there are.
 */
export async function copyInto(
  tx: TransactionSql,
  table: string,
  columns: readonly string[],
  text: Iterable<string> | AsyncIterable<string>,
): Promise<void> {
  const writable = await tx.unsafe(`copy ${table} (${columns.join(", ")}) from stdin`).writable();
  await pipeline(Readable.from(text), writable);
}
