import { eq, sql } from "drizzle-orm";
import { generateDemoClientChunks } from "@/lib/domain/demo";
import { db } from "@/lib/server/db/client";
import { clients, orders, scoringRuns } from "@/lib/server/db/schema";

/** Test data for scoring: `count` demo clients (steady, slowing, lapsed, new, erratic) with their orders up to `asOf`. */
export async function insertDemoClients(count: number, asOf: Date, stylistId: string | null = null) {
  const ids: string[] = [];
  for (const chunk of generateDemoClientChunks({ seed: 11, asOf, clients: count })) {
    await db.insert(clients).values(
      chunk.map((c) => ({ id: c.id, name: c.name, email: c.email, stylistId, lastOrderAt: c.lastOrderAt, orderCount: c.orderCount })),
    );
    const rows = chunk.flatMap((c) =>
      c.orders.map((o) => ({ clientId: c.id, source: "demo", externalId: o.externalId, orderedAt: o.orderedAt, itemsShipped: o.itemsShipped, itemsKept: o.itemsKept, valueCents: o.valueCents, status: o.status })),
    );
    if (rows.length) await db.insert(orders).values(rows);
    ids.push(...chunk.map((c) => c.id));
  }
  return ids;
}

/** A queued run, inserted directly: the way to put two runs side by side, which startFullRescore refuses. */
export async function queueRun(asOf: Date) {
  const [run] = await db.insert(scoringRuns).values({ asOf }).returning();
  if (!run) throw new Error("no run");
  return run;
}

export async function tableExists(name: string) {
  const [row] = await db.execute<{ found: boolean }>(sql`select to_regclass(${name}) is not null as found`);
  return row?.found === true;
}

export async function runById(id: string) {
  const [run] = await db.select().from(scoringRuns).where(eq(scoringRuns.id, id));
  return run;
}
