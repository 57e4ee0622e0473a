/**
 * `npm run bench:dashboard`: the server time of the overview (its tier figures and its email figures) and of Today at
 * 1,000,000 clients (CLIENTS to change) with a year of tier history and 200,000 emails (EMAILS), median and p95 of
 * RUNS (30). Seeds its own database (rekindle_bench_dashboard) on the embedded server the first time, by SQL: clients,
 * their scores as a full run leaves them, a year of daily tier counts and tier changes, some snoozes, then the emails
 * with their events, outreach assignments, win-backs and suppressions (see seedBenchEmails).
 */
import { loadavg } from "node:os";
import postgres from "postgres";
import { benchScoreOf, BENCH_STYLISTS, seedBenchClients } from "./seed-bench-clients";
import { seedBenchEmails } from "./seed-bench-emails";
import { timeRuns, withDatabase } from "./with-database";

const CLIENTS = Number(process.env.CLIENTS ?? 1_000_000);
const RUNS = Number(process.env.RUNS ?? 30);
const EMAILS = Number(process.env.EMAILS ?? 200_000);
const DAYS = 365;

async function seed(sql: postgres.Sql) {
  const started = performance.now();
  console.log(`seeding ${CLIENTS.toLocaleString("en-US")} clients with a year of tier history…`);
  await seedBenchClients(sql, CLIENTS);
  // Scores as a full run leaves them: a tier from the score, P(alive), the chance of an order and the value at risk.
  await sql`update client_scores s set score = x.score, tier = x.tier::engagement_tier, p_alive = x.p, p_order90d = round((x.p * (1 - exp(-x.e / greatest(x.p, 0.01))))::numeric, 2),
      next_order_expected_at = now() + ((x.h % 120) - 60) * interval '1 day', scored_at = date_trunc('day', now()),
      value_at_risk_cents = (1 - x.p * (1 - exp(-x.e / greatest(x.p, 0.01)))) * (5000 + x.h % 30000)
    from (select id as client_id, h, score,
            case when score >= 70 then 'healthy' when score >= 50 then 'watch' when score >= 25 then 'at_risk' else 'lapsed' end as tier,
            (score / 100.0)::real as p, (score / 60.0)::real as e
          from (select id, abs(hashtext(id::text)) as h, ${sql.unsafe(benchScoreOf("split_part(name, ' ', 2)::int"))} as score from clients) c) x
    where x.client_id = s.client_id`;
  // A year of daily counts per stylist and tier, drifting slowly.
  await sql`insert into tier_counts_daily (day, stylist_id, tier, clients, score_sum, score_bands, value_at_risk_cents)
    select d::date, u.id, t.tier, (${Math.round(CLIENTS / BENCH_STYLISTS)}::int * t.share)::int + (extract(doy from d)::int % 50),
      (${Math.round(CLIENTS / BENCH_STYLISTS)}::int * t.share * t.mean)::bigint, array_fill(${Math.round(CLIENTS / BENCH_STYLISTS / 10)}::int, array[10]),
      case when t.tier in ('at_risk', 'lapsed') then (${Math.round(CLIENTS / BENCH_STYLISTS)}::int * t.share * 9000)::bigint else 0 end
    from generate_series((current_date - ${DAYS - 1}::int)::timestamp, current_date::timestamp, interval '1 day') d
      cross join (select id from users where role = 'stylist') u
      cross join (values ('healthy', 0.3, 85), ('watch', 0.2, 60), ('at_risk', 0.25, 37), ('lapsed', 0.25, 12)) t(tier, share, mean)`;
  // Tier history: one or two changes a client over the year, ending in the current tier; a few this week.
  await sql`insert into tier_changes (client_id, from_tier, to_tier, score, changed_at)
    select s.client_id, case when s.tier in ('at_risk', 'lapsed') then 'watch' else 'at_risk' end::engagement_tier, s.tier, s.score,
      now() - (abs(hashtext(s.client_id::text || 'c')) % ${DAYS}) * interval '1 day'
    from client_scores s`;
  await sql`insert into tier_changes (client_id, from_tier, to_tier, score, changed_at)
    select s.client_id, 'healthy', 'watch', 60, now() - (${DAYS} + abs(hashtext(s.client_id::text)) % 30) * interval '1 day'
    from client_scores s where abs(hashtext(s.client_id::text)) % 2 = 0`;
  await sql`insert into today_snoozes (client_id, reason, until, created_at)
    select client_id, 'Bench snooze', now() + interval '5 days', now() - interval '1 day' from client_scores where tier = 'at_risk' limit 5000`;
  await sql`vacuum analyze`;
  console.log(`seeded in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

await withDatabase(async (url) => {
  const { migrateDatabase } = await import("@/lib/server/db/migrate");
  await migrateDatabase(url);
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  // Seeded once, completely: the daily counts go in after the clients, so their presence says the seed finished.
  const [count] = await sql<{ n: number; days: number }[]>`select (select count(*) from clients)::int as n, (select count(*) from tier_counts_daily)::int as days`;
  if ((count?.n ?? 0) !== CLIENTS || (count?.days ?? 0) === 0) {
    await sql`truncate clients, tier_counts_daily, tier_changes, today_snoozes cascade`;
    await sql`delete from engagement_snapshots`;
    await seed(sql);
  }
  // The emails go in on their own, so a database seeded before them only gains them.
  const [mail] = await sql<{ n: number }[]>`select count(*)::int as n from win_back_emails`;
  if ((mail?.n ?? 0) !== EMAILS) {
    const started = performance.now();
    console.log(`seeding ${EMAILS.toLocaleString("en-US")} emails with their events…`);
    // A truncate fires no trigger: the aggregates the triggers keep are emptied with their sources.
    await sql`truncate win_back_emails, email_events, outreach_assignments, email_suppressions, email_stats_daily, email_activity_daily cascade`;
    await sql`delete from orders where source = 'bench'`;
    await seedBenchEmails(sql, EMAILS);
    await sql`vacuum analyze`;
    console.log(`seeded in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  const [first] = await sql<{ stylist: string }[]>`select id as stylist from users where role = 'stylist' order by email limit 1`;
  const stylist = first?.stylist ?? "00000000-0000-0000-0000-000000000000";
  await sql.end();

  const { db } = await import("@/lib/server/db/client");
  const { loadOverviewPage } = await import("@/lib/server/data/overview-page");
  const { getTodayList } = await import("@/lib/server/data/today");
  const { parseDashboardRange } = await import("@/lib/domain/analytics/tier-summary");
  const admin = { actor: { type: "user", id: "00000000-0000-0000-0000-000000000000", role: "admin", name: "Bench", email: "admin@bench.test" } as const, db };
  const stylistCtx = { actor: { type: "user", id: stylist, role: "stylist", name: "Stylist", email: "s@bench.test" } as const, db };
  const range = parseDashboardRange({}, new Date());
  const year = parseDashboardRange({ from: new Date(Date.now() - 364 * 86_400_000).toISOString().slice(0, 10) }, new Date());

  const load = () => loadavg().map((l) => l.toFixed(1)).join(" ");
  console.log(`\nclients: ${CLIENTS.toLocaleString("en-US")}, ${RUNS} runs each, load average ${load()}\n${"page".padEnd(44)} ${"median ms".padStart(10)} ${"p95 ms".padStart(8)}`);
  const scenarios: [string, () => Promise<unknown>][] = [
    // The whole page's reads: tier figures, what needs action, email figures and uplift, emails per week.
    ["overview page, admin, last 90 days", () => loadOverviewPage(admin, range)],
    ["overview page, admin, a year", () => loadOverviewPage(admin, year)],
    ["overview page, stylist, last 90 days", () => loadOverviewPage(stylistCtx, range)],
    ["today, admin", () => getTodayList(admin)],
    ["today, stylist", () => getTodayList(stylistCtx)],
  ];
  for (const [label, run] of scenarios) {
    const t = await timeRuns(RUNS, run);
    console.log(`${label.padEnd(44)} ${t.median.toFixed(1).padStart(10)} ${t.p95.toFixed(1).padStart(8)}`);
  }
  console.log(`load average after: ${load()}`);
  await (db.$client as { end: () => Promise<void> }).end();
}, "rekindle_bench_dashboard");
