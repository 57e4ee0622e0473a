/**
 * `npm run bench:email`: 10,000 win-back drafts by the offline writer, approved, then delivered to the Resend
 * stand-in at the configured rate; prints drafts/s and sends/s and checks there is not one duplicate delivery.
 * Then the time to the first streamed token through our draft route against straight from the stand-in model.
 * Uses its own embedded Postgres under .data/bench-email, removed at the end. COUNT, RATE, CONCURRENCY, RUNS adjust it.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { performance } from "node:perf_hooks";
import { startEmbeddedPostgres } from "../lib/embedded-postgres";
import { ensureDatabase } from "../lib/database";
import { startResendLoopback } from "@/test/loopback/resend-server";
import { inParallel, seedBenchClients } from "./email-setup";

const COUNT = Number(process.env.COUNT ?? 10_000);
const RATE = Number(process.env.RATE ?? 100);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 8);
const DATA_DIR = ".data/bench-email";

const pg = await startEmbeddedPostgres({ dataDir: DATA_DIR, quiet: true, persistent: false });
const resend = await startResendLoopback("re_bench");
try {
  await ensureDatabase(pg.url("postgres"), "rekindle");
  const url = pg.url("rekindle");
  Object.assign(process.env, { DATABASE_URL: url, RESEND_API_KEY: "re_bench", RESEND_BASE_URL: resend.url, AUTH_SECRET: "bench-only-auth-secret-0123456789abcdef" });
  const { migrateDatabase } = await import("@/lib/server/db/migrate");
  await migrateDatabase(url);
  const { db } = await import("@/lib/server/db/client");
  const { draftEmail } = await import("@/lib/server/services/emails/draft-email");
  const { approveEmails } = await import("@/lib/server/services/emails/approve-email");
  const { sendWinBackEmail } = await import("@/lib/server/services/emails/send-win-back-email");
  const { reserveSendSlot } = await import("@/lib/server/emails/send-pacer");
  const ctx = { actor: { type: "system" as const, name: "bench" }, db };

  const clientIds = await seedBenchClients(db, COUNT, RATE);
  console.log(`${COUNT.toLocaleString("en-US")} lapsed clients (score 0) with one fix each; sending at ${RATE}/s`);

  let start = performance.now();
  const emailIds: string[] = [];
  await inParallel(clientIds, CONCURRENCY, async (clientId) => {
    const email = await draftEmail({ ctx, input: { clientId } });
    emailIds.push(email.id);
  });
  const draftSeconds = (performance.now() - start) / 1000;

  for (let i = 0; i < emailIds.length; i += 500) await approveEmails({ ctx, input: { emailIds: emailIds.slice(i, i + 500) } });

  // As the send-email function does for each approved email: a slot at the configured rate from the shared pacer, a
  // wait until it, then the send with its guards and idempotency key (here without the engine's step round trips).
  const sendAll = async () => {
    const counts = { sent: 0, deferred: 0, blocked: 0, failed: 0, skipped: 0 };
    await inParallel(emailIds, CONCURRENCY, async (emailId) => {
      const wait = (await reserveSendSlot(db, RATE)).getTime() - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      counts[(await sendWinBackEmail({ ctx, input: { emailId } })).outcome]++;
    });
    return counts;
  };
  start = performance.now();
  const counts = await sendAll();
  const sendSeconds = (performance.now() - start) / 1000;
  // A second pass (every run retried) must send nothing again.
  const again = await sendAll();

  const keys = resend.received.map((r) => r.idempotencyKey);
  const recipients = resend.received.map((r) => (Array.isArray(r.body.to) ? r.body.to[0] : r.body.to));
  const duplicates = keys.length - new Set(keys).size + (recipients.length - new Set(recipients).size);
  await db.$client.end();

  const ttft = JSON.parse(
    execFileSync("npx", ["tsx", "--import", "./scripts/lib/allow-server-only.mjs", "scripts/bench/email-first-token.ts"], { env: { ...process.env, DATABASE_URL: url }, encoding: "utf8" }).trim().split("\n").at(-1) ?? "{}",
  ) as { runs: number; directMedian: number; directP95: number; oursMedian: number; oursP95: number };

  const f = (n: number) => n.toFixed(1);
  console.table([
    { phase: "draft (offline writer)", emails: emailIds.length, seconds: f(draftSeconds), perSecond: f(emailIds.length / draftSeconds) },
    { phase: `send (Resend stand-in, rate ${RATE}/s)`, emails: counts.sent, seconds: f(sendSeconds), perSecond: f(counts.sent / sendSeconds) },
  ]);
  console.log(`deliveries received: ${resend.received.length}; duplicate deliveries: ${duplicates}; second pass sent: ${again.sent}; not sent: ${counts.deferred + counts.blocked + counts.failed + counts.skipped}`);
  console.table([
    { path: "straight from the stand-in model", medianMs: f(ttft.directMedian), p95Ms: f(ttft.directP95) },
    { path: "through our draft route", medianMs: f(ttft.oursMedian), p95Ms: f(ttft.oursP95) },
  ]);
  const overhead = ttft.oursMedian - ttft.directMedian;
  console.log(`first-token overhead (median): ${f(overhead)} ms over ${ttft.runs} runs (target under 50 ms)`);
  const ok = emailIds.length === COUNT && counts.sent === COUNT && resend.received.length === COUNT && duplicates === 0 && again.sent === 0;
  console.log(ok ? "OK: every draft written and sent once." : "FAILED: see the counts above.");
  process.exitCode = ok ? 0 : 1;
} finally {
  await resend.close();
  await pg.stop();
  fs.rmSync(DATA_DIR, { recursive: true, force: true });
}
