import type { Sql } from "postgres";

export const BENCH_STYLISTS = 20;

/** The score the i-th client gets when the benchmark scores it (SQL over an expression for i): its last order follows from it. */
export const benchScoreOf = (i: string) => `((${i})::bigint * 7919 % 101)::int`;

/**
 * Inserts `n` clients spread over BENCH_STYLISTS stylists (and an admin), in one statement each: as a fresh import
 * leaves them, every client_scores row (made by the insert trigger) still unscored. Returns the stylists' ids.
 */
export async function seedBenchClients(sql: Sql, n: number): Promise<string[]> {
  await sql`insert into users (name, email, role) values ('Bench Admin', 'admin@bench.test', 'admin') on conflict do nothing`;
  await sql`insert into users (name, email, role)
    select 'Stylist ' || lpad(i::text, 2, '0'), 'stylist' || i || '@bench.test', 'stylist' from generate_series(1, ${BENCH_STYLISTS}) i
    on conflict do nothing`;
  const stylists = (await sql<{ id: string }[]>`select id from users where role = 'stylist' and email like '%@bench.test' order by email`).map((r) => r.id);
  await sql`insert into clients (name, email, stylist_id, last_order_at, order_count, marketing_consent)
    select 'Client ' || i, 'client' || i || '@bench.test', (${stylists}::uuid[])[1 + i % ${stylists.length}],
      -- The lower the score the client will get, the longer ago their last order (as scoring would have it).
      now() - ((100 - ${sql.unsafe(benchScoreOf("i"))}) * 4 + i % 20) * interval '1 day', 1 + (i % 12), i % 3 <> 0
    from generate_series(1, ${n}) i`;
  return stylists;
}
