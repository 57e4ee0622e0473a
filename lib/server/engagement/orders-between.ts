import "server-only";
import { sql } from "drizzle-orm";
import type { Executor } from "@/lib/server/db/client";
import { type ClientSelection, selectionWhere } from "./client-selection";

/** The selected clients with a non-cancelled order in (from, to]: who ordered again after a cutoff. */
export async function clientsWhoOrdered(db: Executor, range: ClientSelection, from: Date, to: Date): Promise<Set<string>> {
  const rows = await db.execute<{ client_id: string }>(sql`
    select distinct client_id from orders
    where ${selectionWhere(sql`client_id`, range)} and status <> 'cancelled'
      and ordered_at > ${from.toISOString()}::timestamptz and ordered_at <= ${to.toISOString()}::timestamptz`);
  return new Set(rows.map((r) => r.client_id));
}
