/** The checks and the baseline for `npm run bench:ingest`. */
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import type { Database } from "@/lib/server/db/client";
import { SOURCE } from "./ingest-workload";

type Order = Record<string, unknown>;

/** Exactly the valid unique orders, with the values sent, and every client's summary in step. */
export async function verifyDatabase(db: Database, expected: Map<string, Order>) {
  const rows = (await db.execute(sql`
    select o.external_id, o.items_shipped, o.items_kept, o.value_cents, o.status::text as status, c.email
    from orders o join clients c on c.id = o.client_id where o.source = ${SOURCE}
  `)) as unknown as { external_id: string; items_shipped: number; items_kept: number; value_cents: number; status: string; email: string }[];
  const stored = new Map(rows.map((r) => [r.external_id, r]));
  let missing = 0;
  let differing = 0;
  for (const [id, order] of expected) {
    const row = stored.get(id);
    if (!row) missing++;
    else if (row.items_shipped !== order.items_shipped || row.items_kept !== order.items_kept || row.value_cents !== order.value_cents || row.status !== order.status || row.email !== order.client_email) differing++;
  }
  const unexpected = rows.filter((r) => !expected.has(r.external_id)).length;
  const [summary] = (await db.execute(sql`
    select count(*)::int as wrong from clients c
    cross join lateral (select count(*)::int as n, max(o.ordered_at) as last from orders o where o.client_id = c.id and o.status <> 'cancelled') s
    where c.email like 'bench-%' and (c.order_count, c.last_order_at) is distinct from (s.n, s.last)
  `)) as unknown as { wrong: number }[];
  const wrongSummaries = summary?.wrong ?? -1;
  return { expected: expected.size, stored: rows.length, missing, unexpected, differing, wrongSummaries, ok: missing + unexpected + differing + wrongSummaries === 0 && rows.length === expected.size };
}

/** The same rows written with plain INSERTs (no validation, receipts or summaries): one per statement, then 100 per statement. */
export async function measureRawInserts(url: string, orders: Map<string, Order>, concurrency: number) {
  const pg = postgres(url, { max: concurrency, onnotice: () => {} });
  try {
    const clients = await pg<{ id: string; email: string }[]>`select id, email from clients where email like 'bench-%'`;
    const clientId = new Map(clients.map((c) => [c.email, c.id]));
    const rows = [...orders.values()].map((o) => ({
      client_id: clientId.get(String(o.client_email)) ?? "",
      external_id: String(o.external_id),
      ordered_at: new Date(String(o.ordered_at)),
      items_shipped: Number(o.items_shipped),
      items_kept: Number(o.items_kept),
      value_cents: Number(o.value_cents),
      currency: "USD",
      status: String(o.status),
      source_updated_at: new Date(String(o.updated_at)),
    }));
    const timed = async (source: string, units: (typeof rows)[], write: (unit: typeof rows, source: string) => Promise<unknown>) => {
      let next = 0;
      const started = performance.now();
      await Promise.all(Array.from({ length: concurrency }, async () => {
        for (let i = next++; i < units.length; i = next++) await write(units[i] ?? [], source);
      }));
      return rows.length / ((performance.now() - started) / 1000);
    };
    const insert = (unit: typeof rows, source: string) => pg`insert into orders ${pg(unit.map((r) => ({ ...r, source })))} on conflict do nothing`;
    const singleRowsPerSecond = await timed("bench-raw-single", rows.map((r) => [r]), insert);
    const batches: (typeof rows)[] = [];
    for (let i = 0; i < rows.length; i += 100) batches.push(rows.slice(i, i + 100));
    const batchRowsPerSecond = await timed("bench-raw-batch", batches, insert);
    await pg`delete from orders where source like 'bench-raw%'`;
    return { singleRowsPerSecond, batchRowsPerSecond };
  } finally {
    await pg.end();
  }
}
