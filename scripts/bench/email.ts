/**
 * `npm run bench:email`: 10,000 win-back drafts by the offline writer, approved, then delivered to the Resend
 * stand-in at the configured rate through the batch path (as send-email-batch does: up to 100 emails a batch, N slots
 * of the send rate each, the guards rechecked, one POST /emails/batch under the batch's key); prints drafts/s and
 * sends/s and checks there is not one duplicate delivery, also after every batch is run again.
 * Then the time to the first streamed token through our draft route against straight from the stand-in model.
 * Uses its own embedded Postgres under .data/bench-email, removed at the end. COUNT, RATE, CONCURRENCY, RUNS adjust it.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { startEmbeddedPostgres } from "../lib/embedded-postgres";
import { ensureDatabase } from "../lib/database";
import { startResendLoopback } from "@/test/loopback/resend-server";
import { inParallel, seedBenchClients, whileConnectionHolds } from "./email-setup";
import { percentile } from "./with-database";

const COUNT = Number(process.env.COUNT ?? 10_000);
const RATE = Number(process.env.RATE ?? 100);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 6);
const DATA_DIR = ".data/bench-email";
const load = () => os.loadavg().map((n) => n.toFixed(1)).join(" / ");

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
  const { claimSendBatch } = await import("@/lib/server/services/emails/claim-send-batch");
  const { deliverSendBatch } = await import("@/lib/server/services/emails/deliver-send-batch");
  const { reserveSendSlot } = await import("@/lib/server/emails/send-pacer");
  const { chunked, sendBatchKey } = await import("@/lib/domain/email/send-batch");
  const { RESEND_BATCH_LIMIT } = await import("@/lib/server/mail/send-email");
  const { ConflictError } = await import("@/lib/server/errors");
  const { winBackEmails } = await import("@/lib/server/db/schema");
  const { eq, inArray, and } = await import("drizzle-orm");
  const ctx = { actor: { type: "system" as const, name: "bench" }, db };

  const clientIds = await seedBenchClients(db, COUNT, RATE);
  console.log(`${COUNT.toLocaleString("en-US")} lapsed clients (score 0) with one fix each; sending at ${RATE}/s; load average ${load()}`);

  // Drafting: a bounded number at a time on the one pool. A draft whose connection broke is asked again only when that
  // is safe: a draft committed before the break makes the retry a conflict, and then the draft already there counts.
  let start = performance.now();
  const emailIds: string[] = [];
  let draftRetries = 0;
  await inParallel(clientIds, CONCURRENCY, async (clientId) => {
    const id = await whileConnectionHolds(
      async () => {
        try {
          return (await draftEmail({ ctx, input: { clientId } })).id;
        } catch (error) {
          if (!(error instanceof ConflictError)) throw error;
          const [existing] = await db.select({ id: winBackEmails.id }).from(winBackEmails).where(and(eq(winBackEmails.clientId, clientId), eq(winBackEmails.state, "draft")));
          if (!existing) throw error;
          return existing.id;
        }
      },
      () => draftRetries++,
    );
    emailIds.push(id);
  });
  const draftSeconds = (performance.now() - start) / 1000;
  console.log(`drafted ${emailIds.length} in ${draftSeconds.toFixed(1)} s (${draftRetries} retried after a lost connection); load average ${load()}`);

  for (const ids of chunked(emailIds, 500)) await whileConnectionHolds(() => approveEmails({ ctx, input: { emailIds: ids } }));

  // As send-email-batch does for each batch of due emails, one batch at a time: N slots at the configured rate from the
  // shared pacer, a wait until the first, then the guards and the claim, then one batch call under the batch's key.
  const batches = chunked([...emailIds].sort(), RESEND_BATCH_LIMIT);
  const sendAll = async () => {
    const counts = { sent: 0, deferred: 0, blocked: 0, failed: 0, skipped: 0 };
    const workMs: number[] = [];
    for (const ids of batches) {
      const batchKey = sendBatchKey(ids);
      const wait = (await reserveSendSlot(db, RATE, ids.length)).getTime() - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const began = performance.now();
      const claim = await claimSendBatch({ ctx, input: { emailIds: ids, batchKey } });
      counts.deferred += claim.deferred.length;
      counts.blocked += claim.blocked.length;
      counts.skipped += claim.skipped.length + claim.missing.length;
      if (claim.claimed.length) {
        const delivered = await deliverSendBatch({ ctx, input: { emailIds: claim.claimed, batchKey } });
        counts.sent += delivered.sent.length;
        counts.failed += delivered.failed.length;
      }
      workMs.push(performance.now() - began);
    }
    return { counts, workMs: workMs.sort((a, b) => a - b) };
  };
  start = performance.now();
  const { counts, workMs } = await sendAll();
  const sendSeconds = (performance.now() - start) / 1000;
  console.log(`sent ${counts.sent} in ${sendSeconds.toFixed(1)} s; load average ${load()}`);
  // A second pass (every batch retried) must send nothing again.
  const again = await sendAll();

  const delivered = resend.deliveredEmailIds();
  const recipients = resend.received.map((r) => (Array.isArray(r.body.to) ? r.body.to[0] : r.body.to));
  const duplicates = delivered.length - new Set(delivered).size + (recipients.length - new Set(recipients).size);
  const sentRows = await db.$count(winBackEmails, inArray(winBackEmails.state, ["sent"]));
  await db.$client.end();

  const ttft = JSON.parse(
    execFileSync("npx", ["tsx", "--import", "./scripts/lib/allow-server-only.mjs", "scripts/bench/email-first-token.ts"], { env: { ...process.env, DATABASE_URL: url }, encoding: "utf8" }).trim().split("\n").at(-1) ?? "{}",
  ) as { runs: number; directMedian: number; directP95: number; oursMedian: number; oursP95: number; factsMedian: number; sdkMedian: number };

  const f = (n: number) => n.toFixed(1);
  console.table([
    { phase: "draft (offline writer)", emails: emailIds.length, seconds: f(draftSeconds), perSecond: f(emailIds.length / draftSeconds) },
    { phase: `send (Resend stand-in, batches of ${RESEND_BATCH_LIMIT}, rate ${RATE}/s)`, emails: counts.sent, seconds: f(sendSeconds), perSecond: f(counts.sent / sendSeconds) },
  ]);
  const workMedian = percentile(workMs, 50);
  console.log(
    `batch calls: ${resend.calls.length} (${batches.length} batches, each sent once and run twice); work per batch of ${RESEND_BATCH_LIMIT} (guards, claim, render, send, record): median ${f(workMedian)} ms, p95 ${f(percentile(workMs, 95))} ms, so about ${f((RESEND_BATCH_LIMIT * 1000) / workMedian)} sends/s unpaced`,
  );
  console.log(`deliveries received: ${resend.received.length}; duplicate deliveries: ${duplicates}; emails recorded sent: ${sentRows}; second pass sent: ${again.counts.sent}; not sent: ${counts.deferred + counts.blocked + counts.failed + counts.skipped}`);
  console.table([
    { path: "straight from the stand-in model", medianMs: f(ttft.directMedian), p95Ms: f(ttft.directP95) },
    { path: "through our draft route", medianMs: f(ttft.oursMedian), p95Ms: f(ttft.oursP95) },
  ]);
  console.log(`of which reading the facts (client, fixes, engagement drivers, settings), median: ${f(ttft.factsMedian)} ms; from facts in hand to the first partial with a subject (AI SDK, provider, stand-in), median: ${f(ttft.sdkMedian)} ms`);
  const overhead = ttft.oursMedian - ttft.directMedian;
  console.log(`first-token overhead (median): ${f(overhead)} ms over ${ttft.runs} runs (target under 50 ms); load average ${load()}`);
  const ok = emailIds.length === COUNT && counts.sent === COUNT && resend.received.length === COUNT && duplicates === 0 && again.counts.sent === 0 && sentRows === COUNT;
  console.log(ok ? "OK: every draft written and sent once." : "FAILED: see the counts above.");
  process.exitCode = ok ? 0 : 1;
} finally {
  await resend.close();
  await pg.stop();
  fs.rmSync(DATA_DIR, { recursive: true, force: true });
}
