import "server-only";
import { type SQL, sql } from "drizzle-orm";
import type { Executor } from "@/lib/server/db/client";

/** Which clients a scoring step covers: a keyset range of ids (after, upTo], open at either end, or a list of ids. */
export type ClientSelection = ClientRange | { ids: readonly string[] };
/** A keyset range of client ids (after, upTo], open at either end. */
export type ClientRange = { after: string | null; upTo: string | null };

/** The condition on a client-id column (clients.id or orders.client_id) that keeps the selection. */
export function selectionWhere(column: SQL, selection: ClientSelection): SQL {
  if ("ids" in selection) return sql`${column} = any(${`{${selection.ids.join(",")}}`}::uuid[])`;
  return sql.join(
    [sql`true`, selection.after ? sql`${column} > ${selection.after}::uuid` : null, selection.upTo ? sql`${column} <= ${selection.upTo}::uuid` : null].filter(
      (part): part is SQL => part !== null,
    ),
    sql` and `,
  );
}

/**
 * The last id of the next `size` clients after `after`, or null when no more than `size` remain (the last range is
 * then open-ended, and a count that is a multiple of `size` leaves no empty range behind it).
 * Reads only the primary key index, so walking a million clients in chunks costs a few milliseconds per chunk.
 */
export async function nextChunkEnd(db: Executor, after: string | null, size: number): Promise<string | null> {
  // The one after the `size`th says whether any remain beyond it.
  const rows = await db.execute<{ id: string }>(sql`
    select id from clients ${after ? sql`where id > ${after}::uuid` : sql``} order by id offset ${size - 1} limit 2`);
  return rows.length === 2 ? (rows[0]?.id ?? null) : null;
}

/** How many clients `range` holds now. */
export async function countClients(db: Executor, range: ClientRange): Promise<number> {
  const [row] = await db.execute<{ clients: number }>(sql`select count(*)::int as clients from clients where ${selectionWhere(sql`id`, range)}`);
  return row?.clients ?? 0;
}

/** Hands out consecutive keyset ranges to any number of workers, one at a time, until the clients run out. */
export function chunkRanges(db: Executor, size: number): () => Promise<ClientSelection | null> {
  let after: string | null = null;
  let exhausted = false;
  let queue: Promise<unknown> = Promise.resolve();
  const next = async (): Promise<ClientSelection | null> => {
    if (exhausted) return null;
    const upTo = await nextChunkEnd(db, after, size);
    const range = { after, upTo };
    if (upTo === null) exhausted = true;
    else after = upTo;
    return range;
  };
  // Serialised so two workers asking at once never get the same range.
  return () => {
    const result = queue.then(next);
    queue = result.catch(() => undefined);
    return result;
  };
}
