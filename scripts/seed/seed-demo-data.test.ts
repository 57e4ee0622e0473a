import postgres from "postgres";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "@/lib/domain/access/demo-accounts";
import { requireDatabaseUrl } from "@/lib/env";
import { verifyPassword } from "@/lib/server/auth/passwords";
import { DatabaseNotEmptyError, isDatabaseEmpty, seedDemoData, type SeedDemoDataResult, type SeedProgress } from "./seed-demo-data";

const url = requireDatabaseUrl();
const sql = postgres(url, { max: 1, onnotice: () => {} });
const asOf = new Date("2026-05-01T00:00:00Z");
const CLIENTS = 300;

/** Everything that defines the seeded rows, hashed, so two seeds can be compared in one value. */
async function dataChecksum(): Promise<string> {
  const [row] = await sql<{ users: string; clients: string; orders: string }[]>`
    select
      (select md5(string_agg(concat_ws('|', id, name, email, role), ',' order by id)) from users) as users,
      (select md5(string_agg(concat_ws('|', id, name, email, stylist_id, sizes, preferred_styles, budget_band, notes,
         marketing_consent, timezone, last_order_at, order_count, created_at, updated_at), ',' order by id)) from clients) as clients,
      (select md5(string_agg(concat_ws('|', id, client_id, source, external_id, ordered_at, items_shipped, items_kept,
         value_cents, currency, status, source_updated_at, created_at, updated_at), ',' order by id)) from orders) as orders`;
  return JSON.stringify(row);
}

/** Index and constraint definitions, to prove the bulk load put back everything it suspended. */
async function schemaShape(): Promise<string[]> {
  const rows = await sql<{ def: string }[]>`
    select pg_get_indexdef(indexrelid) as def from pg_index where indrelid in ('users'::regclass, 'clients'::regclass, 'orders'::regclass)
    union all
    select conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) || ' ' || convalidated
      from pg_constraint where conrelid in ('users'::regclass, 'clients'::regclass, 'orders'::regclass)
    order by 1`;
  return rows.map((r) => r.def);
}

let shapeBefore: string[];

beforeAll(async () => {
  shapeBefore = await schemaShape();
});

afterAll(async () => {
  await sql.end();
});

// The shared test setup empties every table before each test, so each test seeds its own sample.
describe("seedDemoData", () => {
  let first: SeedDemoDataResult;
  let progress: SeedProgress[];

  beforeEach(async () => {
    expect(await isDatabaseEmpty(url)).toBe(true);
    progress = [];
    first = await seedDemoData({ url, clients: CLIENTS, seed: 11, asOf, onProgress: (p) => progress.push(p) });
  });

  it("loads the staff, the clients and their orders and reports the totals", async () => {
    const [counts] = await sql<{ users: number; clients: number; orders: number }[]>`
      select (select count(*)::int from users) as users, (select count(*)::int from clients) as clients, (select count(*)::int from orders) as orders`;
    expect(counts).toEqual({ users: first.users, clients: CLIENTS, orders: first.orders });
    expect(first.users).toBe(10);
    expect(first.orders / CLIENTS).toBeGreaterThan(7);
    expect(Object.values(first.archetypes).reduce((a, b) => a + b, 0)).toBe(CLIENTS);
    expect(progress.map((p) => p.phase)).toEqual(["loading", "indexing", "analyzing"]);
    expect(progress[0]).toMatchObject({ clientsDone: CLIENTS, clientsTotal: CLIENTS, ordersDone: first.orders });
    expect(await isDatabaseEmpty(url)).toBe(false);
  });

  it("restores every index, key and foreign key it suspended for the load, validated", async () => {
    expect(await schemaShape()).toEqual(shapeBefore);
  });

  it("creates the admin and the marketer, every demo account with the documented demo password", async () => {
    const staff = await sql<{ email: string; name: string; role: string }[]>`
      select email, name, role from users where role <> 'stylist' order by role`;
    expect(staff).toEqual([
      { email: "admin@rekindle.test", name: "Alex Admin", role: "admin" },
      { email: "marketer@rekindle.test", name: "Morgan Marketer", role: "marketer" },
    ]);
    const hashes = await sql<{ password_hash: string }[]>`select password_hash from users`;
    expect(hashes).toHaveLength(10);
    for (const { password_hash } of hashes) expect(await verifyPassword(password_hash, DEMO_PASSWORD)).toBe(true);
  });

  it("assigns every client to a stylist", async () => {
    const [row] = await sql<{ orphans: number; stylists: number }[]>`
      select count(*) filter (where u.role is distinct from 'stylist')::int as orphans, count(distinct c.stylist_id)::int as stylists
        from clients c left join users u on u.id = c.stylist_id`;
    expect(row).toEqual({ orphans: 0, stylists: 8 });
  });

  it("gives clients case-insensitively unique emails on .test domains", async () => {
    const [row] = await sql<{ total: number; distinct_emails: number; off_domain: number }[]>`
      select count(*)::int as total, count(distinct lower(email))::int as distinct_emails,
             count(*) filter (where email not like '%.test')::int as off_domain from clients`;
    expect(row).toEqual({ total: CLIENTS, distinct_emails: CLIENTS, off_domain: 0 });
  });

  it("keeps last_order_at and order_count equal to an aggregation over non-cancelled orders", async () => {
    const mismatches = await sql`
      select c.id from clients c
        left join (select client_id, max(ordered_at) as last_at, count(*)::int as n
                     from orders where status <> 'cancelled' group by client_id) o on o.client_id = c.id
       where c.last_order_at is distinct from o.last_at or c.order_count <> coalesce(o.n, 0)`;
    expect(mismatches).toHaveLength(0);
  });

  it("includes lapsed clients and brand-new ones", async () => {
    const [row] = await sql<{ lapsed: number; brand_new: number }[]>`
      select count(*) filter (where last_order_at < ${asOf}::timestamptz - interval '120 days')::int as lapsed,
             count(*) filter (where first_at > ${asOf}::timestamptz - interval '30 days')::int as brand_new
        from (select c.last_order_at, min(o.ordered_at) as first_at
                from clients c join orders o on o.client_id = c.id group by c.id) per_client`;
    expect(row?.lapsed).toBeGreaterThan(CLIENTS * 0.1);
    expect(row?.brand_new).toBeGreaterThan(0);
  });

  it("never keeps more items than shipped, and only shipped fixes have kept value", async () => {
    const [row] = await sql<{ over_kept: number; odd_value: number; outside: number }[]>`
      select count(*) filter (where items_kept > items_shipped)::int as over_kept,
             count(*) filter (where (value_cents > 0) <> (status = 'shipped'))::int as odd_value,
             count(*) filter (where ordered_at > ${asOf} or ordered_at < ${asOf}::timestamptz - interval '730 days')::int as outside
        from orders`;
    expect(row).toEqual({ over_kept: 0, odd_value: 0, outside: 0 });
  });

  it("refuses a non-empty database without reset, leaving it untouched", async () => {
    const before = await dataChecksum();
    await expect(seedDemoData({ url, clients: 5, seed: 99, asOf })).rejects.toBeInstanceOf(DatabaseNotEmptyError);
    expect(await dataChecksum()).toBe(before);
  });

  it("is deterministic: reseeding with the same seed gives the same rows, another seed different ones", async () => {
    const original = await dataChecksum();
    await seedDemoData({ url, clients: CLIENTS, seed: 12, asOf, reset: true });
    const other = await dataChecksum();
    await seedDemoData({ url, clients: CLIENTS, seed: 11, asOf, reset: true });
    expect(await dataChecksum()).toBe(original);
    expect(other).not.toBe(original);
    expect(await schemaShape()).toEqual(shapeBefore);
  });
});
