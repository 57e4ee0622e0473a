/**
 * `npm run bench:pipeline`: 10,000 single-order webhook deliveries for 5,000 clients through the whole
 * background pipeline of one app instance: the order webhook's route handler commits each delivery with
 * its outbox row, the row is forwarded to the embedded engine, which runs the rescore-client function over
 * HTTP through /api/inngest (Inngest's protocol), batched (up to 500 events a run). Prints events per second end to end,
 * p50/p95 from delivery to the score that includes it, and the engine's cost per step against calling the
 * same verb directly. A throwaway embedded Postgres under .data/bench-pipeline, removed at the end.
 */
import fs from "node:fs";
import { performance } from "node:perf_hooks";
import { ensureDatabase } from "../lib/database";
import { freePort, startEmbeddedPostgres } from "../lib/embedded-postgres";
import { percentile } from "./with-database";

const DELIVERIES = Number(process.env.DELIVERIES ?? 10_000);
const CLIENTS = Number(process.env.CLIENTS ?? 5_000);
const SENDERS = Number(process.env.SENDERS ?? 32);
const OVERHEAD_RUNS = 200;
const DATA_DIR = ".data/bench-pipeline";

fs.rmSync(DATA_DIR, { recursive: true, force: true });
const pg = await startEmbeddedPostgres({ dataDir: `${DATA_DIR}/postgres`, port: await freePort(5499), quiet: true });
try {
  await ensureDatabase(pg.url("postgres"), "rekindle");
  process.env.DATABASE_URL = pg.url("rekindle");
  process.env.AUTH_SECRET ??= "bench-only-auth-secret-0123456789abcdef";
  process.env.WEBHOOK_RATE_PER_SECOND = "1000000";
  process.env.WEBHOOK_RATE_BURST = "1000000";
  await run();
} finally {
  await pg.stop();
  fs.rmSync(DATA_DIR, { recursive: true, force: true });
}

async function run() {
  const { migrateDatabase } = await import("@/lib/server/db/migrate");
  await migrateDatabase(process.env.DATABASE_URL ?? "");
  const { sql } = await import("drizzle-orm");
  const { db } = await import("@/lib/server/db/client");
  const { users } = await import("@/lib/server/db/schema");
  const { createApiKey } = await import("@/lib/server/services/api-keys/create-api-key");
  const { signWebhookBody } = await import("@/lib/domain/ingest/signature");
  const { POST } = await import("@/app/api/webhooks/orders/route");
  const { GET, POST: inngestPost, PUT } = await import("@/app/api/inngest/route");
  const { startRouteServer } = await import("@/test/loopback/route-server");
  const { syncApp } = await import("@/inngest/engine/sync");
  const { tickEngine } = await import("@/inngest/engine/tick");
  const { rescoreClients } = await import("@/lib/server/services/engagement/rescore-clients");

  const [admin] = await db.insert(users).values({ name: "Bench", email: "bench@rekindle.test", role: "admin" }).returning();
  if (!admin) throw new Error("no admin");
  const key = await createApiKey({ ctx: { actor: { type: "user", id: admin.id, role: "admin", name: admin.name, email: admin.email }, db }, input: { name: "bench", scope: "ingest:all" } });
  const server = await startRouteServer({ "/api/inngest": { GET, POST: inngestPost, PUT } });
  await syncApp(`${server.url}/api/inngest`);

  // The engine, as the instance's loop runs it, for as long as the bench sends and waits.
  let sending = true;
  const pending = async () => (await db.execute<{ n: number }>(sql`select ((select count(*) from engine_runs where status in ('debouncing', 'queued', 'running')) + (select count(*) from engine_batch_events))::int as n`))[0]?.n ?? 0;
  const engine = (async () => {
    for (;;) {
      const { runsDriven } = await tickEngine({ budgetMs: 5_000, parallel: 4 });
      if (runsDriven === 0) {
        if (!sending && (await pending()) === 0) return;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  })();

  const deliveredAt = new Map<string, number[]>();
  let next = 0;
  const started = performance.now();
  const startedWall = Date.now();
  await Promise.all(
    Array.from({ length: SENDERS }, async () => {
      for (let i = next++; i < DELIVERIES; i = next++) {
        const email = `client${i % CLIENTS}@bench.example`;
        const body = JSON.stringify({
          event_id: `bench-${i}`,
          source: "bench",
          order: { external_id: `B-${i}`, client_email: email, ordered_at: new Date(Date.now() - (i % 700) * 86_400_000).toISOString(), updated_at: new Date().toISOString(), items_shipped: 5, items_kept: 2, value_cents: 12_000, status: "shipped" },
        });
        const sentAt = Date.now();
        const ts = Math.floor(sentAt / 1000);
        const response = await POST(new Request("http://localhost/api/webhooks/orders", { method: "POST", body, headers: { "Content-Type": "application/json", Authorization: `Bearer ${key.token}`, "X-Rekindle-Timestamp": String(ts), "X-Rekindle-Signature": `v1=${signWebhookBody(key.signingSecret, ts, body)}` } }));
        if (response.status !== 200) throw new Error(`delivery ${i}: ${response.status} ${await response.text()}`);
        const list = deliveredAt.get(email) ?? [];
        list.push(sentAt);
        deliveredAt.set(email, list);
      }
    }),
  );
  const sentSeconds = (performance.now() - started) / 1000;
  sending = false;
  await engine;
  const totalSeconds = (performance.now() - started) / 1000;

  // When a delivery's order is in its client's score: the end of the first completed rescore-client run holding an
  // event for that client written at or after the delivery was sent (its own event, or a later one, whose rescoring
  // also saw the delivery's committed order). A rescoring that changes nothing leaves client_scores as it was, so
  // their scored_at would not tell.
  const rescored = await db.execute<{ email: string; event_ms: number; done_ms: number }>(sql`
    select c.email, (e ->> 'ts')::float8 as event_ms, floor(extract(epoch from r.finished_at) * 1000)::float8 as done_ms
    from engine_runs r cross join jsonb_array_elements(r.events) e join clients c on c.id::text = e -> 'data' ->> 'clientId'
    where r.function_id = 'rekindle-rescore-client' and r.status = 'completed'`);
  const runsByEmail = new Map<string, { eventMs: number; doneMs: number }[]>();
  for (const row of rescored) runsByEmail.set(row.email, [...(runsByEmail.get(row.email) ?? []), { eventMs: row.event_ms, doneMs: row.done_ms }]);
  const latencies: number[] = [];
  let missing = 0;
  for (const [email, sentAts] of deliveredAt) {
    for (const at of sentAts) {
      const done = Math.min(...(runsByEmail.get(email) ?? []).filter((r) => r.eventMs >= at).map((r) => r.doneMs));
      if (Number.isFinite(done)) latencies.push(done - at);
      else missing++;
    }
  }
  latencies.sort((a, b) => a - b);
  const runs = await db.execute<{ status: string; n: number; events: number }>(
    sql`select status, count(*)::int as n, sum(jsonb_array_length(events))::int as events from engine_runs where function_id = 'rekindle-rescore-client' group by status`,
  );
  const steps = await db.execute<{ avg: number }>(sql`select avg(duration_ms)::float8 as avg from engine_steps`);

  // Engine cost per step: the same verb for one client, run by the engine (a batch of one event per run, one run
  // at a time) and called directly.
  const ids = [...(await db.execute<{ id: string }>(sql`select id from clients order by id limit ${OVERHEAD_RUNS}`))].map((r) => r.id);
  const system = { actor: { type: "system" as const, name: "bench" }, db };
  const direct0 = performance.now();
  for (const clientId of ids) await rescoreClients({ ctx: system, input: { clientIds: [clientId] } });
  const directMs = (performance.now() - direct0) / ids.length;
  await db.execute(sql`delete from engine_runs`);
  const { insertRuns, runFor } = await import("@/inngest/engine/ingest");
  const { registeredApps } = await import("@/inngest/engine/registry");
  const [app] = await registeredApps();
  const fn = app?.functions.find((f) => f.id === "rekindle-rescore-client");
  if (!app || !fn) throw new Error("rescore-client is not registered");
  const now = new Date(Date.now() - 60_000);
  await insertRuns(ids.map((clientId, i) => ({ ...runFor(app.appId, fn, { id: `overhead-${i}`, name: "rekindle/client.orders-changed", data: { clientId }, ts: now.getTime() }, now), status: "queued" as const, nextAt: now })));
  const engine0 = performance.now();
  let driven = 0;
  while (driven < ids.length) driven += (await tickEngine({ parallel: 1, budgetMs: 60_000 })).runsDriven;
  const engineMs = (performance.now() - engine0) / ids.length;
  await server.close();

  const row = (name: string, value: string, target: string) => `| ${name.padEnd(44)} | ${value.padStart(14)} | ${target.padEnd(12)} |`;
  console.log(`\nPipeline: ${DELIVERIES.toLocaleString("en-US")} single-order deliveries for ${CLIENTS.toLocaleString("en-US")} clients, ${SENDERS} senders, one instance (2 cores)\n`);
  console.log(row("measure", "value", "target"));
  console.log(`|${"-".repeat(46)}|${"-".repeat(16)}|${"-".repeat(14)}|`);
  console.log(row("deliveries committed (webhook + outbox)", `${(DELIVERIES / sentSeconds).toFixed(0)} /s`, ""));
  console.log(row("events end to end (delivery → score)", `${(DELIVERIES / totalSeconds).toFixed(0)} /s`, ">= 500 /s"));
  console.log(row("delivery → updated score, p50", `${(percentile(latencies, 50) / 1000).toFixed(2)} s`, ""));
  console.log(row("delivery → updated score, p95", `${(percentile(latencies, 95) / 1000).toFixed(2)} s`, "< 5 s"));
  console.log(row("deliveries whose score never caught up", String(missing), "0"));
  console.log(row("rescore-client runs (batched)", runs.map((r) => `${r.n} ${r.status}`).join(", "), ""));
  console.log(row("events per rescore-client run, mean", (runs.reduce((a, r) => a + r.events, 0) / Math.max(1, runs.reduce((a, r) => a + r.n, 0))).toFixed(0), ""));
  console.log(row("call to /api/inngest, mean (incl. verb)", `${(steps[0]?.avg ?? 0).toFixed(1)} ms`, ""));
  console.log(row("rescoreClients called directly, per call", `${directMs.toFixed(2)} ms`, ""));
  console.log(row("same verb as an engine step, per step", `${engineMs.toFixed(2)} ms`, ""));
  console.log(row("engine overhead per step", `${(engineMs - directMs).toFixed(2)} ms`, "< 2 ms"));
  console.log(`\nwall clock: sending ${sentSeconds.toFixed(1)} s, until the last score ${totalSeconds.toFixed(1)} s (started ${new Date(startedWall).toISOString()})`);
  await db.$client.end();
}
