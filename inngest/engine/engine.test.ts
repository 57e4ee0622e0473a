import http from "node:http";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { POST as postOrders } from "@/app/api/webhooks/orders/route";
import { appEvent } from "@/inngest/events";
import { db } from "@/lib/server/db/client";
import { clientScores, clients, engineApps, engineEvents, engineRuns, engineSteps, eventOutbox, scoringRuns } from "@/lib/server/db/schema";
import { emitEvents, withEvents } from "@/lib/server/events/outbox";
import { createClient } from "@/lib/server/services/clients/create-client";
import { createOrder } from "@/lib/server/services/orders/create-order";
import { updateSettings } from "@/lib/server/services/settings/update-settings";
import { clientInput, orderInput, userContext } from "@/test/fixtures";
import { ahead, drainEngine, serveInngestForEachTest } from "@/test/inngest-engine";
import { orderEvent, signedRequest, webhookKey } from "@/test/webhook-requests";
import { DEDUPLICATION_WINDOW_MS, ingestEvents } from "./ingest";
import { embeddedSigningKey } from "./keys";
import { signBody } from "./protocol";
import { forgetApp, registeredApps } from "./registry";
import { syncApp } from "./sync";
import { tickEngine } from "./tick";

const app = serveInngestForEachTest();

const runsOf = (functionId: string) => db.select().from(engineRuns).where(eq(engineRuns.functionId, `rekindle-${functionId}`)).orderBy(engineRuns.createdAt);
const scoreOf = async (clientId: string) => (await db.select().from(clientScores).where(eq(clientScores.clientId, clientId)))[0];

async function clientWithOrder() {
  const admin = await userContext("admin");
  const client = await createClient({ ctx: admin, input: clientInput() });
  if (!client) throw new Error("no client");
  await createOrder({ ctx: admin, input: { clientId: client.id, ...orderInput() } });
  return client;
}

/** Tomorrow (UTC) at hh:mm:30: a controlled clock past the app's first sync. */
function tomorrowAt(hours: number, minutes: number) {
  const at = new Date();
  at.setUTCDate(at.getUTCDate() + 1);
  at.setUTCHours(hours, minutes, 30, 0);
  return () => at;
}

describe("the embedded engine", () => {
  it("refuses an unsigned sync, so a Host of someone's choosing cannot take the functions' URL", async () => {
    const forged = new URL(app.serveUrl);
    // fetch cannot set Host; node's http can.
    const status = await new Promise<number>((resolve, reject) => {
      const request = http.request({ hostname: forged.hostname, port: forged.port, path: forged.pathname, method: "PUT", headers: { host: "attacker.example:8443" } }, (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
      });
      request.on("error", reject).end();
    });
    expect(status).toBe(401);
    expect(await db.select({ url: engineApps.url }).from(engineApps)).toEqual([{ url: app.serveUrl }]);
  });

  it("is synced the way Inngest is: GET answers the signed introspection, PUT registers every function with its triggers", async () => {
    const signingKey = embeddedSigningKey() ?? "";
    expect((await fetch(app.serveUrl)).status).toBe(401);
    const signed = await fetch(app.serveUrl, { headers: { "X-Inngest-Signature": signBody("", signingKey, new Date()) } });
    expect(await signed.json()).toMatchObject({ authentication_succeeded: true, function_count: 8, app_id: "rekindle" });
    const [registered] = await registeredApps();
    expect(registered?.url).toBe(app.serveUrl);
    expect(Object.fromEntries((registered?.functions ?? []).map((f) => [f.id, f.triggers]))).toEqual({
      "rekindle-rescore-client": [{ event: "rekindle/client.orders-changed" }, { event: "rekindle/client.profile-updated" }],
      "rekindle-full-rescore": [{ event: "rekindle/scoring.run-requested" }],
      "rekindle-nightly-rescore": [{ cron: "0 * * * *" }],
      "rekindle-process-import": [{ event: "rekindle/import.uploaded" }],
      "rekindle-nightly-sweep": [{ cron: "30 2 * * *" }],
      "rekindle-outreach": [{ event: "rekindle/client.tier-changed" }],
      "rekindle-send-email": [{ event: "rekindle/email.approved" }],
      "rekindle-send-email-batch": [{ event: "rekindle/email.due" }],
    });
  });

  it("refuses a call request that is not signed with the engine's key", async () => {
    const body = JSON.stringify({ event: {}, events: [], steps: {}, ctx: { run_id: "x", attempt: 0, stack: { stack: [], current: 0 } } });
    const response = await fetch(`${app.serveUrl}?fnId=rekindle-rescore-client&stepId=step`, { method: "POST", body, headers: { "Content-Type": "application/json", "X-Inngest-Signature": signBody(body, "signkey-test-00", new Date()) } });
    expect(response.status).toBe(401);
  });

  it("rescores a client after an order: outbox, event, run, through /api/inngest", async () => {
    const client = await clientWithOrder();
    const rows = await db.select().from(eventOutbox);
    expect(rows.map((r) => [r.name, r.forwardedAt instanceof Date])).toEqual([
      ["rekindle/client.profile-updated", true],
      ["rekindle/client.orders-changed", true],
    ]);
    expect(await db.$count(engineEvents)).toBe(2);
    await drainEngine();
    const runs = await runsOf("rescore-client");
    // The profile and the order event share the client's debounce: one run.
    expect(runs.map((r) => r.status)).toEqual(["completed"]);
    expect((await scoreOf(client.id))?.scoredAt).toBeInstanceOf(Date);
  });

  it("rescores a client once for 20 deliveries of its orders", async () => {
    const key = await webhookKey();
    for (let i = 0; i < 20; i++) {
      const response = await postOrders(signedRequest("/api/webhooks/orders", { event_id: `evt-burst-${i}`, source: "oms", order: orderEvent({ client_email: "burst@example.com" }) }, key));
      expect(response.status).toBe(200);
    }
    expect(await db.$count(engineEvents, sql`name = 'rekindle/client.orders-changed'`)).toBe(20);
    // One rescoring; its first score is an entry into a tier, which outreach hears of (and leaves: not win-back).
    expect(await drainEngine()).toBe(2);
    const runs = await runsOf("rescore-client");
    expect(runs).toHaveLength(1);
    expect((await runsOf("outreach")).map((r) => r.status)).toEqual(["completed"]);
    expect(runs[0]?.status).toBe("completed");
    const [client] = await db.select().from(clients).where(eq(clients.email, "burst@example.com"));
    expect((await scoreOf(client?.id ?? ""))?.scoredAt).toBeInstanceOf(Date);
  });

  it("treats an event sent twice under the same id as one event", async () => {
    const client = await clientWithOrder();
    await drainEngine();
    const [row] = await db.select().from(eventOutbox).where(sql`name = 'rekindle/client.orders-changed'`);
    await db.update(eventOutbox).set({ forwardedAt: null }).where(eq(eventOutbox.id, row?.id ?? ""));
    await tickEngine({ now: ahead(60_000), crons: false }); // forwards the row again, as after a crash between send and mark
    expect(await db.$count(engineEvents, eq(engineEvents.id, row?.id ?? ""))).toBe(1);
    expect(await runsOf("rescore-client")).toHaveLength(1);
    expect((await scoreOf(client.id))?.scoredAt).toBeInstanceOf(Date);
  });

  it("takes an id received more than 24 hours before as a new event, as Inngest does, and an id twice in one request as one", async () => {
    // An entry into win-back handed to outreach again the next night (see handEntriesToOutreach).
    const clientId = "00000000-0000-4000-8000-000000000001";
    const enteredAt = "2026-06-01T00:00:00.000Z";
    const event = { id: `entry:${clientId}:${enteredAt}`, name: "rekindle/client.tier-changed", data: { clientId, fromTier: null, toTier: "lapsed", score: 3, enteredAt } };
    const now = Date.now();
    await ingestEvents([event, event], new Date(now));
    await ingestEvents([event], new Date(now + DEDUPLICATION_WINDOW_MS - 60_000));
    expect(await runsOf("outreach")).toHaveLength(1);
    await ingestEvents([event, event], new Date(now + DEDUPLICATION_WINDOW_MS + 60_000));
    expect(await runsOf("outreach")).toHaveLength(2);
    expect(await db.$count(engineEvents, eq(engineEvents.id, event.id))).toBe(1);
  });

  it("sends nothing for a change whose transaction rolls back", async () => {
    const client = await clientWithOrder();
    await db.delete(eventOutbox);
    const eventsBefore = await db.$count(engineEvents);
    await expect(
      withEvents(db, async (tx, emit) => {
        await tx.update(clients).set({ name: "Renamed" }).where(eq(clients.id, client.id));
        await emit(appEvent("rekindle/client.profile-updated", { clientId: client.id }));
        throw new Error("the change fails after emitting");
      }),
    ).rejects.toThrow("the change fails");
    expect(await db.$count(eventOutbox)).toBe(0);
    await tickEngine({ now: ahead(60_000), crons: false });
    expect(await db.$count(engineEvents)).toBe(eventsBefore);
  });

  it("forwards an event committed but not sent before a crash on the next tick", async () => {
    const client = await clientWithOrder();
    await drainEngine();
    // Committed, then the process died before forwarding it.
    await db.transaction((tx) => emitEvents(tx, [appEvent("rekindle/client.orders-changed", { clientId: client.id })]));
    const [pending] = await db.select().from(eventOutbox).where(sql`forwarded_at is null`);
    expect(pending).toBeDefined();
    await drainEngine();
    expect((await db.select().from(eventOutbox).where(eq(eventOutbox.id, pending?.id ?? "")))[0]?.forwardedAt).toBeInstanceOf(Date);
    const runs = await runsOf("rescore-client");
    expect(runs.map((r) => [r.status, (r.events[0]?.id ?? "") === pending?.id])).toEqual([
      ["completed", false],
      ["completed", true],
    ]);
  });

  it("fires the hourly cron, and queues the nightly full rescoring only at the hour an admin set", async () => {
    await clientWithOrder();
    await drainEngine();
    await updateSettings({ ctx: await userContext("admin"), key: "scoring_schedule", input: { nightlyHourUtc: 4 } });
    expect(await tickEngine({ now: tomorrowAt(3, 45) })).toMatchObject({ cronsFired: 1 });
    await drainEngine({ now: tomorrowAt(3, 46) });
    expect(await db.$count(scoringRuns)).toBe(0);
    await tickEngine({ now: tomorrowAt(4, 0) });
    await drainEngine({ now: tomorrowAt(4, 1) });
    const runs = await db.select().from(scoringRuns);
    expect(runs.map((r) => r.status)).toEqual(["succeeded"]);
    const nightly = await runsOf("nightly-rescore");
    expect(nightly.map((r) => r.status)).toEqual(["completed", "completed"]);
    // The same slot ticked again fires nothing.
    expect(await tickEngine({ now: tomorrowAt(4, 0) })).toMatchObject({ cronsFired: 0 });
  });

  it("sweeps up a client whose follow-up event was lost", async () => {
    const client = await clientWithOrder();
    // The event never reached Inngest, and the client was never rescored.
    await db.delete(eventOutbox);
    await db.delete(engineRuns);
    expect((await scoreOf(client.id))?.scoredAt ?? null).toBeNull();
    await tickEngine({ now: tomorrowAt(2, 30) });
    await drainEngine({ now: tomorrowAt(2, 31) });
    expect((await runsOf("nightly-sweep")).map((r) => r.status)).toEqual(["completed"]);
    expect((await scoreOf(client.id))?.scoredAt).toBeInstanceOf(Date);
  });

  it("leaves outbox rows quietly while no app has synced (a script outside the app), and runs them after the first sync", async () => {
    await forgetApp("rekindle");
    const errors = vi.spyOn(console, "error");
    const client = await clientWithOrder();
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
    expect((await db.select().from(eventOutbox)).map((r) => r.forwardedAt)).toEqual([null, null]);
    expect(await db.$count(engineEvents)).toBe(0);
    await syncApp(app.serveUrl);
    await drainEngine();
    expect(await db.$count(eventOutbox, sql`forwarded_at is null`)).toBe(0);
    expect((await runsOf("rescore-client")).map((r) => r.status)).toEqual(["completed"]);
    expect((await scoreOf(client.id))?.scoredAt).toBeInstanceOf(Date);
  });

  it("records each call of a run as a step with its outcome and duration", async () => {
    await clientWithOrder();
    await drainEngine();
    const [run] = await runsOf("rescore-client");
    const steps = await db.select().from(engineSteps).where(eq(engineSteps.runId, run?.id ?? ""));
    expect(steps.map((s) => [s.name, s.outcome])).toEqual([["function", "completed"]]);
    expect(steps[0]?.durationMs).toBeGreaterThanOrEqual(0);
  });
});
