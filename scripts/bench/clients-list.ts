/**
 * `npm run bench:clients`: how fast the clients list answers a page (rows + count) at the current
 * database size. Seed first, e.g. `npm run db:seed -- --clients 1000000 --reset`.
 */
import { timeRuns, withDatabase } from "./with-database";

const RUNS = Number(process.env.RUNS ?? 40);

await withDatabase(async () => {
  const { db } = await import("@/lib/server/db/client");
  const { sql } = await import("drizzle-orm");
  const { listClients, countClients } = await import("@/lib/server/data/clients");
  const { parseClientListQuery } = await import("@/lib/domain/clients/list-query");
  const ctx = { actor: { type: "system", name: "bench" } as const, db };

  const [{ clients, stylist }] = (await db.execute(sql`select (select count(*) from clients)::int as clients, (select id from users where role = 'stylist' order by name limit 1) as stylist`)) as unknown as [{ clients: number; stylist: string }];
  const [{ name }] = (await db.execute(sql`select split_part(name, ' ', 2) as name from clients order by id limit 1`)) as unknown as [{ name: string }];
  console.log(`clients in database: ${clients.toLocaleString("en-US")}`);

  const scenarios: [string, Record<string, string>][] = [
    ["first page, sort by name", {}],
    ["stylist filter, sort by last order", { stylist, sort: "last_order" }],
    ["stylist filter, sort by order count", { stylist, sort: "orders" }],
    ["stylist filter, last order ascending", { stylist, sort: "last_order", dir: "asc" }],
    [`search "${name}", sort by last order`, { q: name, sort: "last_order" }],
    [`search "${name}" + stylist filter, sort by name`, { q: name, stylist }],
    ["sort by score (lowest first)", { sort: "score", dir: "asc" }],
    ["stylist filter, sort by score", { stylist, sort: "score" }],
    ["tier at risk, sort by P(alive)", { tier: "at_risk", sort: "p_alive", dir: "asc" }],
    ["stylist filter + tier lapsed, sort by name", { stylist, tier: "lapsed" }],
  ];
  console.log(`\n${"scenario".padEnd(52)} ${"median ms".padStart(10)} ${"p95 ms".padStart(8)} ${"rows".padStart(6)}`);
  for (const [label, params] of scenarios) {
    const query = parseClientListQuery(params);
    let rows = 0;
    const page = await timeRuns(RUNS, async () => {
      const [result] = await Promise.all([listClients(ctx, query), countClients(ctx, query)]);
      rows = result.rows.length;
    });
    // The next page through the cursor, as a user clicking "Next" would.
    console.log(`${label.padEnd(52)} ${page.median.toFixed(1).padStart(10)} ${page.p95.toFixed(1).padStart(8)} ${String(rows).padStart(6)}`);
    const first = await listClients(ctx, query);
    if (first.nextCursor) {
      const next = parseClientListQuery({ ...params, after: first.nextCursor });
      const t = await timeRuns(RUNS, () => Promise.all([listClients(ctx, next), countClients(ctx, next)]));
      console.log(`${`  └ next page`.padEnd(52)} ${t.median.toFixed(1).padStart(10)} ${t.p95.toFixed(1).padStart(8)}`);
    }
  }
  await (db.$client as { end: () => Promise<void> }).end();
});
