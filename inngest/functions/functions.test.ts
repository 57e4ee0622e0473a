import { InngestTestEngine } from "@inngest/test";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { clientScores, demoTierOverrides, importJobs, scoringRuns } from "@/lib/server/db/schema";
import { createClient } from "@/lib/server/services/clients/create-client";
import { createOrder } from "@/lib/server/services/orders/create-order";
import { updateSettings } from "@/lib/server/services/settings/update-settings";
import { createImport } from "@/lib/server/services/imports/create-import";
import { clientInput, orderInput, userContext } from "@/test/fixtures";
import { fullRescoreFunction, nightlyRescoreFunction } from "./full-rescore";
import { functions } from "./index";
import { nightlySweepFunction } from "./nightly-sweep";
import { ENTRY_PAGE } from "./win-back-entries";
import { processImportFunction } from "./process-import";
import { rescoreClientFunction } from "./rescore-client";

// Each function's logic, run by @inngest/test's engine (no Inngest server); the embedded engine's own tests drive them over HTTP.
const event = <N extends string>(name: N, data: Record<string, unknown>) => [{ name, data }] as [{ name: N; data: Record<string, unknown> }];

async function clientWithOrder() {
  const admin = await userContext("admin");
  const client = await createClient({ ctx: admin, input: clientInput() });
  if (!client) throw new Error("no client");
  await createOrder({ ctx: admin, input: { clientId: client.id, ...orderInput() } });
  return { admin, client };
}

describe("rescore-client", () => {
  it("rescores each client named in its batch once, and skips a deleted client", async () => {
    const { client } = await clientWithOrder();
    const other = await clientWithOrder();
    const gone = "00000000-0000-4000-8000-000000000000";
    const t = new InngestTestEngine({ function: rescoreClientFunction });
    const ids = [client.id, other.client.id, client.id, gone];
    const { result } = await t.execute({
      events: ids.map((clientId, i) => ({ name: i === 1 ? ("rekindle/client.profile-updated" as const) : ("rekindle/client.orders-changed" as const), data: { clientId } })) as [
        { name: "rekindle/client.orders-changed"; data: { clientId: string } },
      ],
    });
    expect(result).toEqual({ clients: 3, rescored: 2 });
    const scored = await db.select().from(clientScores);
    expect(scored.map((s) => s.clientId).sort()).toEqual([client.id, other.client.id].sort());
  });
});

describe("full-rescore", () => {
  it("executes the queued run, and reports a run no longer queued instead of running it twice", async () => {
    await clientWithOrder();
    const [run] = await db.insert(scoringRuns).values({ asOf: new Date() }).returning();
    if (!run) throw new Error("no run");
    // A fresh engine per delivery: one engine remembers its steps' results, as a run does.
    const deliver = () => new InngestTestEngine({ function: fullRescoreFunction, events: event("rekindle/scoring.run-requested", { runId: run.id }) }).execute();
    expect((await deliver()).result).toMatchObject({ runId: run.id, status: "succeeded" });
    expect((await deliver()).result).toMatchObject({ runId: run.id, status: "not queued" });
  });
});

describe("nightly-rescore", () => {
  it("queues a run only in the hour an admin set", async () => {
    const admin = await userContext("admin");
    await updateSettings({ ctx: admin, key: "scoring_schedule", input: { nightlyHourUtc: 4 } });
    const timer = (iso: string) => [{ name: "inngest/scheduled.timer", data: { cron: "0 * * * *" }, ts: Date.parse(iso) }] as [{ name: "inngest/scheduled.timer"; data: { cron: string }; ts: number }];
    const fire = (iso: string) => new InngestTestEngine({ function: nightlyRescoreFunction, events: timer(iso) }).execute();
    expect((await fire("2026-03-02T03:00:00Z")).result).toMatchObject({ queued: false });
    expect(await db.$count(scoringRuns)).toBe(0);
    expect((await fire("2026-03-02T04:00:00Z")).result).toMatchObject({ queued: true });
    const [queued] = await db.select().from(scoringRuns);
    expect(queued).toMatchObject({ status: "queued", asOf: new Date("2026-03-02T04:00:00Z") });
  });
});

describe("process-import", () => {
  it("checks an upload read from the database, and does nothing for a phase the job has left", async () => {
    const admin = await userContext("admin");
    const csv = "external_id,client_email,ordered_at,items_shipped,items_kept,value_cents\nA-1,ada@example.com,2026-01-01,4,2,100\n";
    const job = await createImport({ ctx: admin, input: { kind: "orders" }, body: new Blob([csv]).stream() });
    const deliver = () => new InngestTestEngine({ function: processImportFunction, events: event("rekindle/import.uploaded", { jobId: job.id, phase: "validate" }) }).execute();
    expect((await deliver()).result).toEqual({ status: "ready" });
    expect((await deliver()).result).toEqual({ status: "ready" });
    const [checked] = await db.select().from(importJobs).where(eq(importJobs.id, job.id));
    expect(checked).toMatchObject({ totalRows: 1, validRows: 1 });
  });
});

describe("nightly-sweep", () => {
  it("sends an orders-changed event, with an id fixed per night, for a client whose score is older than its orders", async () => {
    const { client } = await clientWithOrder();
    const t = new InngestTestEngine({ function: nightlySweepFunction, events: [{ name: "inngest/scheduled.timer", data: { cron: "30 2 * * *" }, ts: Date.parse("2026-03-02T02:30:00Z") }] });
    const { result, ctx } = await t.execute();
    expect(result).toMatchObject({ rescored: 1 });
    expect(ctx.step.sendEvent).toHaveBeenCalledWith("rescore-stale-clients", [expect.objectContaining({ name: "rekindle/client.orders-changed", data: { clientId: client.id }, id: `sweep:2026-03-02:${client.id}` })]);
  });

  it("hands every entry into win-back without outreach to outreach, not only the first page's", async () => {
    // More lapsed clients than a page holds. A sweep that took only the first page left the rest to later nights, and
    // for good once the first page filled with clients outreach turns away (emailed too recently), who keep their entry.
    const clientsInWinBack = ENTRY_PAGE + 3;
    await db.execute(sql`insert into clients (name, email, marketing_consent) select 'Client ' || n, 'client' || n || '@example.com', true from generate_series(1, ${clientsInWinBack}) n`);
    await db.execute(sql`update client_scores set tier = 'lapsed', score = 3, scored_at = now()`);
    const t = new InngestTestEngine({ function: nightlySweepFunction, events: [{ name: "inngest/scheduled.timer", data: { cron: "30 2 * * *" }, ts: Date.now() }] });
    expect((await t.execute()).result).toMatchObject({ outreach: clientsInWinBack });
    const handed = await db.execute<{ clients: number }>(sql`select count(distinct data->>'clientId')::int as clients from engine_events where name = 'rekindle/client.tier-changed' and id like 'entry:%'`);
    expect(handed[0]?.clients).toBe(clientsInWinBack);
  });

  it("deletes demo tier overrides past their expiry and keeps those still running", async () => {
    const { client } = await clientWithOrder();
    const other = await createClient({ ctx: (await userContext("admin")), input: clientInput() });
    const day = 86_400_000;
    await db.insert(demoTierOverrides).values([
      { clientId: client.id, tier: "lapsed", fromTier: "healthy", expiresAt: new Date(Date.now() - day) },
      { clientId: other.id, tier: "lapsed", fromTier: "healthy", expiresAt: new Date(Date.now() + day) },
    ]);
    const t = new InngestTestEngine({ function: nightlySweepFunction, events: [{ name: "inngest/scheduled.timer", data: { cron: "30 2 * * *" }, ts: Date.now() }] });
    expect((await t.execute()).result).toMatchObject({ expiredOverrides: 1 });
    expect((await db.select({ clientId: demoTierOverrides.clientId }).from(demoTierOverrides))).toEqual([{ clientId: other.id }]);
  });
});

describe("the function list", () => {
  it("registers each function once, with its triggers", () => {
    const ids = functions.map((f) => f.id());
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(["rescore-client", "full-rescore", "nightly-rescore", "process-import", "nightly-sweep", "outreach", "send-email", "send-email-batch"]);
  });
});
