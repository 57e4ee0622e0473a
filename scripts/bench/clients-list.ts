/**
 * `npm run bench:clients`: how fast the clients list answers a page (rows + count) at the current
 * database size. Seed first, e.g. `npm run db:seed -- --clients 1000000 --reset`.
 * `npm run bench:clients -- --unscored`: the same list right after an import of CLIENTS (1,000,000) clients that no
 * run has scored yet, in a database of its own (rekindle_bench_unscored), seeded afresh each time and not analyzed.
 */
import postgres from "postgres";
import { seedBenchClients } from "./seed-bench-clients";
import { timeRuns, withDatabase } from "./with-database";

const RUNS = Number(process.env.RUNS ?? 40);
const UNSCORED = process.argv.includes("--unscored");
const CLIENTS = Number(process.env.CLIENTS ?? 1_000_000);

/** A fresh import: every client just inserted, every score row empty, no statistics gathered yet. */
async function freshImport(url: string) {
  const { migrateDatabase } = await import("@/lib/server/db/migrate");
  await migrateDatabase(url);
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  await sql`truncate clients cascade`;
  const started = performance.now();
  await seedBenchClients(sql, CLIENTS);
  console.log(`imported ${CLIENTS.toLocaleString("en-US")} unscored clients in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  await sql.end();
}

await withDatabase(async (url) => {
  if (UNSCORED) await freshImport(url);
  const { db } = await import("@/lib/server/db/client");
  const { sql } = await import("drizzle-orm");
  const { listClients, countClients } = await import("@/lib/server/data/clients");
  const { parseClientListQuery } = await import("@/lib/domain/clients/list-query");
  const ctx = { actor: { type: "system", name: "bench" } as const, db };

  const [{ clients, stylist }] = (await db.execute(sql`select (select count(*) from clients)::int as clients, (select id from users where role = 'stylist' order by name limit 1) as stylist`)) as unknown as [{ clients: number; stylist: string }];
  const [{ name }] = (await db.execute(sql`select split_part(name, ' ', 2) as name from clients order by id limit 1`)) as unknown as [{ name: string }];
  console.log(`clients in database: ${clients.toLocaleString("en-US")}`);

  const scenarios: [string, Record<string, string>][] = UNSCORED
    ? [
        ["sort by score (highest first)", { sort: "score" }],
        ["sort by score (lowest first)", { sort: "score", dir: "asc" }],
        ["sort by P(alive)", { sort: "p_alive" }],
        ["tier not scored, sort by score", { tier: "unscored", sort: "score" }],
        ["stylist filter, sort by score", { stylist, sort: "score" }],
        ["first page, sort by name", {}],
      ]
    : [
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
    ["several tiers + P(order) at most 30%, sort by score", { tier: "at_risk,lapsed", pMax: "30", sort: "score" }],
    ["overdue 14 days + consent, sort by last order", { overdue: "14", consent: "yes", sort: "last_order" }],
    ["newly at risk this week, sort by score", { newly: "1", sort: "score" }],
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
}, UNSCORED ? "rekindle_bench_unscored" : "rekindle");
