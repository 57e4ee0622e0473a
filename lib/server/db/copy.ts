import "server-only";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Sql, TransactionSql } from "postgres";

/** PostgreSQL's COPY text format: tab-separated, one row a line, \N for NULL. */
export const COPY_NULL = "\\N";

const SPECIAL = /[\\\t\n\r]/;
const SPECIAL_ALL = /[\\\t\n\r]/g;
const ESCAPED: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/** A text value with backslash, tab, newline and carriage return escaped. */
export function copyText(value: string): string {
  // Most values need no escaping; testing first avoids a replace() per field across millions of rows.
  return SPECIAL.test(value) ? value.replace(SPECIAL_ALL, (ch) => ESCAPED[ch] ?? ch) : value;
}

/**
 * Streams COPY text into `table`. The source is pulled lazily, so rows are generated while PostgreSQL
 * ingests the previous ones and memory stays flat however many rows there are.
 */
export async function copyInto(
  sql: Sql | TransactionSql,
  table: string,
  columns: readonly string[],
  text: Iterable<string> | AsyncIterable<string>,
): Promise<void> {
  const writable = await sql.unsafe(`copy ${table} (${columns.join(", ")}) from stdin`).writable();
  await pipeline(Readable.from(text), writable);
}
