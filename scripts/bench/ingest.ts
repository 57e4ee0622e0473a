/**
 * `npm run bench:ingest`: the order webhook under load against the production build on loopback.
 * Sends 20,000 order events (half singly, half in batches of 100) over 50 keep-alive connections, 30% of
 * them duplicates and 5% invalid; prints throughput and latency, checks every invalid item got its
 * reason and that the database holds exactly the valid unique orders, then compares with plain INSERTs.
 * Uses its own data dir and port, and removes both at the end.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import { performance } from "node:perf_hooks";
import os from "node:os";
import { ensureBuild, startServer, treeCpuSeconds } from "./ingest-server";
import { buildWorkload, type Delivery, SOURCE } from "./ingest-workload";
import { measureRawInserts, verifyDatabase } from "./ingest-verify";
import { percentile } from "./with-database";

const CONCURRENCY = Number(process.env.CONCURRENCY ?? 50);
const DATA_DIR = ".data/bench-ingest";
const PORT = 3200;

type Outcome = { status: number; ms: number; accepted: number; unexplained: number };

function post(agent: http.Agent, url: URL, body: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ agent, host: url.hostname, port: url.port, path: url.pathname, method: "POST", headers: { ...headers, "Content-Length": Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** Did the answer explain each invalid item, and how many items did it accept? */
function judge(delivery: Delivery, status: number, text: string): { accepted: number; unexplained: number } {
  const body = JSON.parse(text || "{}") as { created?: number; updated?: number; unchanged?: number; errors?: { path: string }[] };
  const paths = (body.errors ?? []).map((e) => e.path);
  const single = delivery.items === 1 && !delivery.body.includes('"orders"');
  const unexplained = delivery.invalidIndexes.filter((i) => !paths.some((p) => p.startsWith(single ? "order." : `orders[${i}].`))).length;
  const accepted = status === 200 ? (body.created ?? 0) + (body.updated ?? 0) + (body.unchanged ?? 0) : 0;
  return { accepted, unexplained };
}

async function send(deliveries: Delivery[], url: URL, key: { token: string; secret: string }, sign: (secret: string, ts: number, body: string) => string, serverPid: number) {
  const cpuBefore = { server: treeCpuSeconds(serverPid), bench: process.cpuUsage() };
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const outcomes: Outcome[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < deliveries.length; i = next++) {
        const delivery = deliveries[i];
        if (!delivery) continue;
        const ts = Math.floor(Date.now() / 1000);
        const t0 = performance.now();
        const { status, text } = await post(agent, url, delivery.body, {
          Authorization: `Bearer ${key.token}`,
          "Content-Type": "application/json",
          "X-Rekindle-Timestamp": String(ts),
          "X-Rekindle-Signature": `v1=${sign(key.secret, ts, delivery.body)}`,
        });
        outcomes.push({ status, ms: performance.now() - t0, ...judge(delivery, status, text) });
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const benchCpu = process.cpuUsage(cpuBefore.bench);
  const cpuAfter = treeCpuSeconds(serverPid);
  const serverCpu = cpuAfter.total - cpuBefore.server.total;
  const postgresCpu = cpuAfter.postgres - cpuBefore.server.postgres;
  agent.destroy();
  const times = outcomes.map((o) => o.ms).sort((a, b) => a - b);
  const count = (pred: (o: Outcome) => boolean) => outcomes.filter(pred).length;
  return {
    deliveries: outcomes.length,
    items: deliveries.reduce((n, d) => n + d.items, 0),
    seconds,
    accepted: outcomes.reduce((n, o) => n + o.accepted, 0),
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    fiveXX: count((o) => o.status >= 500),
    otherStatuses: [...new Set(outcomes.map((o) => o.status))].sort().join("/"),
    unexplained: outcomes.reduce((n, o) => n + o.unexplained, 0),
    // CPU per delivery: the server's (Next.js + Postgres, rescoring included) and this client's own.
    serverCpuMs: (serverCpu * 1000) / outcomes.length,
    postgresCpuMs: (postgresCpu * 1000) / outcomes.length,
    clientCpuMs: (benchCpu.user + benchCpu.system) / 1000 / outcomes.length,
  };
}

/** Runs the curl + openssl example from docs/ingestion.md as written, so the doc stays true. */
function runDocExample(url: string, key: { token: string; secret: string }): string {
  const doc = fs.readFileSync("docs/ingestion.md", "utf8");
  const script = /### Try it[\s\S]*?```sh\n([\s\S]*?)```/.exec(doc)?.[1];
  if (!script) return "no example found";
  const out = execFileSync("bash", ["-c", script], { env: { ...process.env, REKINDLE_URL: url, REKINDLE_KEY: key.token, REKINDLE_SECRET: key.secret } }).toString();
  return /"created":1/.test(out) ? "ok (order created)" : `unexpected answer: ${out.slice(0, 300)}`;
}

ensureBuild();
console.log(`▲ Starting the production build on port ${PORT} (data in ${DATA_DIR})…`);
const server = await startServer({ dataDir: DATA_DIR, port: PORT, pgPort: 5490, env: { WEBHOOK_RATE_PER_SECOND: "1000000", WEBHOOK_RATE_BURST: "1000000" } });
let exitCode = 0;
try {
  process.env.DATABASE_URL = server.databaseUrl;
  process.env.AUTH_SECRET = server.authSecret;
  const { db } = await import("@/lib/server/db/client");
  const { createApiKey } = await import("@/lib/server/services/api-keys/create-api-key");
  const { signWebhookBody } = await import("@/lib/domain/ingest/signature");
  const created = await createApiKey({ ctx: { actor: { type: "system", name: "bench" }, db }, input: { name: "bench", scope: "ingest:all" } });
  const key = { token: created.token, secret: created.signingSecret };
  const url = new URL(`${server.url}/api/webhooks/orders`);
  const workload = buildWorkload({ total: Number(process.env.TOTAL ?? 20_000) });

  // Warm the server (JIT, connection pool, key cache) on orders that are not part of the check.
  const warm = buildWorkload({ total: 1_000, seed: 99 }).singles.map((d) => ({ ...d, body: d.body.replace(`"source":"${SOURCE}"`, '"source":"warmup"') }));
  await send(warm, url, key, signWebhookBody, server.pid);

  const loadBefore = os.loadavg()[0] ?? 0;
  const singles = await send(workload.singles, url, key, signWebhookBody, server.pid);
  const batches = await send(workload.batches, url, key, signWebhookBody, server.pid);
  const check = await verifyDatabase(db, workload.uniqueOrders);
  const raw = await measureRawInserts(server.databaseUrl, workload.uniqueOrders, CONCURRENCY);
  const doc = runDocExample(server.url, key);
  await db.$client.end();

  const row = (label: string, r: typeof singles, rawRate: number) =>
    `${label.padEnd(22)} ${String(r.deliveries).padStart(6)} ${String(r.items).padStart(6)} ${(r.accepted / r.seconds).toFixed(0).padStart(10)} ${r.p50.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(8)} ${String(r.fiveXX).padStart(4)} ${rawRate.toFixed(0).padStart(9)} ${((r.accepted / r.seconds / rawRate) * 100).toFixed(0).padStart(5)}%`;
  console.log(`\n${"".padEnd(22)} ${"sent".padStart(6)} ${"items".padStart(6)} ${"accepted/s".padStart(10)} ${"p50 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"5xx".padStart(4)} ${"raw rows/s".padStart(9)} ${"ratio".padStart(6)}`);
  console.log(row("single-order events", singles, raw.singleRowsPerSecond));
  console.log(row("batches of 100", batches, raw.batchRowsPerSecond));
  console.log(`\nstatuses seen: singles ${singles.otherStatuses}, batches ${batches.otherStatuses} (400 = invalid single orders, answered with their errors)`);
  console.log(`invalid items answered without their reason: ${singles.unexplained + batches.unexplained}`);
  console.log(`database: ${check.stored} orders stored for ${check.expected} valid unique orders sent; missing ${check.missing}, unexpected ${check.unexpected}, values differing ${check.differing}; clients with a wrong order summary: ${check.wrongSummaries}`);
  console.log(`docs/ingestion.md curl example: ${doc}`);
  const capacity = (r: typeof singles) => (2000 / (r.serverCpuMs + r.clientCpuMs)) * (r.accepted / r.deliveries);
  console.log(
    `\nCPU per delivery (server = Next.js + Postgres incl. background rescoring; client = this script):` +
      `\n  singly:  server ${singles.serverCpuMs.toFixed(2)} ms (Postgres ${singles.postgresCpuMs.toFixed(2)}) + client ${singles.clientCpuMs.toFixed(2)} ms → about ${capacity(singles).toFixed(0)} orders/s if the 2 cores did nothing else` +
      `\n  batches: server ${batches.serverCpuMs.toFixed(1)} ms (Postgres ${batches.postgresCpuMs.toFixed(1)}) + client ${batches.clientCpuMs.toFixed(1)} ms → about ${capacity(batches).toFixed(0)} orders/s if the 2 cores did nothing else` +
      `\n  machine load average (1 min) when the run began: ${loadBefore.toFixed(2)} on ${os.cpus().length} cores; other work on the machine slows the wall-clock figures above`,
  );
  const targets = [
    [singles.accepted / singles.seconds >= 1500, "≥ 1,500 orders/s singly"],
    [singles.p99 < 100, "p99 < 100 ms singly"],
    [singles.fiveXX + batches.fiveXX === 0, "zero 5xx"],
    [singles.unexplained + batches.unexplained === 0, "every invalid item explained"],
    [check.ok, "database holds exactly the valid unique orders"],
  ] as const;
  console.log(`\n${targets.map(([ok, label]) => `${ok ? "✓" : "✗"} ${label}`).join("\n")}`);
  if (!check.ok || singles.fiveXX + batches.fiveXX > 0) exitCode = 1;
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  await server.stop();
  fs.rmSync(DATA_DIR, { recursive: true, force: true });
  console.log(`▲ Server and Postgres stopped; ${DATA_DIR} removed`);
}
process.exit(exitCode);
