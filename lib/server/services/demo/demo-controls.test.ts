import { asc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { SystemActor } from "@/lib/domain/access/policy";
import { runBacktest, defaultBacktestInput } from "@/lib/server/data/backtest";
import { readSettings } from "@/lib/server/data/settings";
import { activeTierOverrides, listActiveTierOverrides } from "@/lib/server/data/demo-overrides";
import { db } from "@/lib/server/db/client";
import { auditLog, clientScores, clients, demoTierOverrides, eventOutbox, modelFits, outreachAssignments, scoringRuns, tierChanges } from "@/lib/server/db/schema";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { runFullRescore } from "@/lib/server/services/engagement/run-full-rescore";
import { updateSettings } from "@/lib/server/services/settings/update-settings";
import { insertDemoClients, queueRun } from "@/test/engagement-fixtures";
import { untyped, userContext } from "@/test/fixtures";
import { clearTierOverride } from "./clear-tier-override";
import { expireTierOverrides } from "./expire-tier-overrides";
import { overrideClientTier } from "./override-client-tier";
import { draftEmail } from "@/lib/server/services/emails/draft-email";
import { assignOutreach } from "@/lib/server/services/emails/assign-outreach";
import { getEmailOverview } from "@/lib/server/data/email-overview";
import { startDemoRescore } from "./start-demo-rescore";

const AS_OF = new Date("2026-06-01T00:00:00Z");
const DAY = 86_400_000;
const SYSTEM: SystemActor = { type: "system", name: "test" };
const system = { actor: SYSTEM, db };

async function scoredClients(count: number) {
  const ids = await insertDemoClients(count, AS_OF);
  const run = await runFullRescore({ ctx: system, input: { runId: (await queueRun(AS_OF)).id } });
  expect(run.status).toBe("succeeded");
  const scores = await db.select({ id: clientScores.clientId, tier: clientScores.tier, score: clientScores.score }).from(clientScores).orderBy(asc(clientScores.clientId));
  return { ids, scores };
}

const tierChangedEvents = async () =>
  (await db.select().from(eventOutbox).where(eq(eventOutbox.name, "rekindle/client.tier-changed")).orderBy(asc(eventOutbox.createdAt))).map((e) => e.data);

describe("a demo tier override", () => {
  it("is for admins only, and audits every change", async () => {
    const { scores } = await scoredClients(5);
    const clientId = scores[0]?.id ?? "";
    for (const role of ["marketer", "stylist"] as const) {
      const ctx = await userContext(role);
      await expect(overrideClientTier({ ctx, input: { clientId, tier: "at_risk", days: 3 } })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(clearTierOverride({ ctx, input: { clientId } })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(startDemoRescore({ ctx, input: { asOf: "2026-05-01" } })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(expireTierOverrides({ ctx })).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await db.$count(demoTierOverrides)).toBe(0);

    const admin = await userContext("admin");
    await overrideClientTier({ ctx: admin, input: { clientId, tier: "lapsed", days: 3 } });
    await clearTierOverride({ ctx: admin, input: { clientId } });
    const audit = await db.select({ action: auditLog.action, actorId: auditLog.actorId }).from(auditLog).where(eq(auditLog.entityId, clientId)).orderBy(asc(auditLog.action));
    expect(audit).toEqual([
      { action: "demo.tier_override.clear", actorId: admin.actor.id },
      { action: "demo.tier_override.set", actorId: admin.actor.id },
    ]);
    await expect(clearTierOverride({ ctx: admin, input: { clientId } })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("names the bad field, and refuses a client with no score yet", async () => {
    const admin = await userContext("admin");
    const [unscored] = await db.insert(clients).values({ name: "Never scored", email: "never@example.com" }).returning();
    const error = await overrideClientTier({ ctx: admin, input: untyped({ clientId: unscored?.id, tier: "gone", days: 0 }) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(Object.keys((error as ValidationError).fieldErrors).sort()).toEqual(["days", "tier"]);
    await expect(overrideClientTier({ ctx: admin, input: { clientId: unscored?.id ?? "", tier: "at_risk", days: 3 } })).rejects.toBeInstanceOf(ConflictError);
  });

  it("emits the tier-changed event a real change emits, from the tier the pages showed", async () => {
    const { scores } = await scoredClients(20);
    const client = scores.find((s) => s.tier !== "at_risk" && s.tier !== "lapsed");
    if (!client?.tier || client.score === null) throw new Error("no client above at risk");
    const admin = await userContext("admin");

    await overrideClientTier({ ctx: admin, input: { clientId: client.id, tier: "at_risk", days: 7 } });
    // Setting again to the same tier extends it but changes nothing the pages show: no second event.
    await overrideClientTier({ ctx: admin, input: { clientId: client.id, tier: "at_risk", days: 10 } });
    await overrideClientTier({ ctx: admin, input: { clientId: client.id, tier: "lapsed", days: 10 } });
    expect(await tierChangedEvents()).toEqual([
      { clientId: client.id, fromTier: client.tier, toTier: "at_risk", score: client.score, enteredAt: expect.any(String), demo: true },
      { clientId: client.id, fromTier: "at_risk", toTier: "lapsed", score: client.score, enteredAt: expect.any(String), demo: true },
    ]);
    // The override is not a tier change of record: the feed of real changes stays empty.
    expect(await db.$count(tierChanges)).toBe(0);
  });

  it("drafts the email that follows in the overridden tier, as the pages show the client", async () => {
    const { scores } = await scoredClients(20);
    const client = scores.find((s) => s.tier === "healthy");
    if (!client) throw new Error("no healthy client");
    const admin = await userContext("admin");
    await overrideClientTier({ ctx: admin, input: { clientId: client.id, tier: "lapsed", days: 7 } });
    const email = await draftEmail({ ctx: admin, input: { clientId: client.id } });
    expect(email.tier).toBe("lapsed");
    // The offline writer writes to a lapsed client as such.
    expect(email.subject).toMatch(/^We miss you/);
  });

  it("leads outreach to an assignment that is marked demo and never measured, and leaves the client's first real entry measured", async () => {
    const { scores } = await scoredClients(20);
    const client = scores.find((s) => s.tier === "healthy");
    if (!client) throw new Error("no healthy client");
    const admin = await userContext("admin");
    await db.update(clients).set({ marketingConsent: true }).where(eq(clients.id, client.id));
    await overrideClientTier({ ctx: admin, input: { clientId: client.id, tier: "lapsed", days: 7 } });
    const now = new Date();
    const outreach = { actor: { type: "system", name: "outreach" } as const, db };
    const assigned = await assignOutreach({ ctx: outreach, input: { clientId: client.id, enteredAt: now }, now });
    expect(["emailed", "holdout"], JSON.stringify(assigned)).toContain(assigned.outcome);
    // Later, a real entry (the scores took the client into at risk).
    const later = new Date(now.getTime() + 40 * DAY);
    // In the other group than the demo entry's, so the counts say which of the two was measured.
    const realGroup = assigned.outcome === "emailed" ? "holdout" : "emailed";
    await db.insert(outreachAssignments).values({ clientId: client.id, tier: "at_risk", group: realGroup, holdoutShare: 0.1, enteredAt: later, assignedAt: later });
    const rows = await db
      .select({ demo: outreachAssignments.demo, assignedAt: outreachAssignments.assignedAt, previous: outreachAssignments.previousAssignedAt })
      .from(outreachAssignments)
      .where(eq(outreachAssignments.clientId, client.id))
      .orderBy(asc(outreachAssignments.assignedAt));
    expect(rows.map((r) => [r.demo, r.previous === null])).toEqual([
      [true, false],
      [false, true],
    ]);
    // Measured: the real entry alone.
    const day = (d: Date) => d.toISOString().slice(0, 10);
    const overview = await getEmailOverview(await userContext("marketer"), { from: day(now), to: day(later) }, new Date(later.getTime() + 40 * DAY));
    expect(overview.winBacks).toMatchObject(realGroup === "emailed" ? { emailed: { clients: 1 }, heldOut: { clients: 0 } } : { emailed: { clients: 0 }, heldOut: { clients: 1 } });
  });

  it("counts until it expires, and the sweep deletes it afterwards", async () => {
    const { scores } = await scoredClients(5);
    const [first, second] = scores;
    if (!first || !second) throw new Error("too few clients");
    const admin = await userContext("admin");
    const now = new Date();
    await overrideClientTier({ ctx: admin, input: { clientId: first.id, tier: "lapsed", days: 1 }, now: new Date(now.getTime() - 2 * DAY) });
    await overrideClientTier({ ctx: admin, input: { clientId: second.id, tier: "lapsed", days: 3 }, now });

    // Read time: the expired one no longer counts though its row is still there.
    const active = await activeTierOverrides(admin, [first.id, second.id], now);
    expect([...active.keys()]).toEqual([second.id]);
    expect((await listActiveTierOverrides(admin, now)).map((o) => o.clientId)).toEqual([second.id]);
    expect(await db.$count(demoTierOverrides)).toBe(2);

    expect(await expireTierOverrides({ ctx: system, now })).toBe(1);
    expect((await db.select().from(demoTierOverrides)).map((o) => o.clientId)).toEqual([second.id]);
    expect(await db.$count(auditLog, eq(auditLog.action, "demo.tier_override.expire"))).toBe(1);
    // Three days on, the other one is past too.
    expect((await activeTierOverrides(admin, [second.id], new Date(now.getTime() + 3 * DAY))).size).toBe(0);
  });

  it("is shown to a stylist only for their own clients", async () => {
    const { scores } = await scoredClients(3);
    const clientId = scores[0]?.id ?? "";
    const admin = await userContext("admin");
    await overrideClientTier({ ctx: admin, input: { clientId, tier: "lapsed", days: 3 } });
    const stylist = await userContext("stylist");
    expect((await activeTierOverrides(stylist, [clientId])).size).toBe(0);
    await db.update(clients).set({ stylistId: stylist.actor.id }).where(eq(clients.id, clientId));
    expect((await activeTierOverrides(stylist, [clientId])).get(clientId)?.tier).toBe("lapsed");
  });

  it("never feeds the model fit, the learned weights, a full run's tiers or the backtest", async () => {
    const { scores } = await scoredClients(150);
    const admin = await userContext("admin");
    const fitBefore = (await db.select().from(modelFits))[0];
    const backtestBefore = await runBacktest(admin, defaultBacktestInput());

    // Every scored client shown in another tier for a month (one without orders has no tier to override).
    for (const s of scores.filter((s) => s.tier !== null)) await overrideClientTier({ ctx: admin, input: { clientId: s.id, tier: s.tier === "lapsed" ? "healthy" : "lapsed", days: 30 } });

    // Saving the settings (as they are) makes the run refit rather than reuse the model it just fitted.
    await updateSettings({ ctx: admin, key: "engagement", input: await readSettings(db, "engagement") });
    const rerun = await runFullRescore({ ctx: system, input: { runId: (await queueRun(AS_OF)).id } });
    expect(rerun.status).toBe("succeeded");
    const fits = await db.select().from(modelFits).orderBy(asc(modelFits.fittedAt));
    const fitAfter = fits.find((f) => f.id === rerun.modelFitId);
    expect(fitAfter?.id).not.toBe(fitBefore?.id);
    expect(fitAfter?.params).toEqual(fitBefore?.params);
    expect(fitAfter?.customers).toBe(fitBefore?.customers);
    const after = await db.select({ id: clientScores.clientId, tier: clientScores.tier, score: clientScores.score }).from(clientScores).orderBy(asc(clientScores.clientId));
    expect(after).toEqual(scores);
    // The run compared against the scored tiers, not the overridden ones: nobody moved.
    expect(await db.$count(tierChanges, eq(tierChanges.runId, rerun.id))).toBe(0);
    expect(await runBacktest(admin, defaultBacktestInput())).toEqual(backtestBefore);
  });
});

describe("a demo rescoring as of a date", () => {
  it("queues a full run as of that date through the usual run and event, audited as a demo action", async () => {
    const admin = await userContext("admin");
    const run = await startDemoRescore({ ctx: admin, input: { asOf: "2026-03-15" } });
    expect(run).toMatchObject({ status: "queued", asOf: new Date("2026-03-15T00:00:00Z"), startedBy: admin.actor.id });
    const events = await db.select().from(eventOutbox).where(eq(eventOutbox.name, "rekindle/scoring.run-requested"));
    expect(events.map((e) => e.data)).toEqual([{ runId: run.id }]);
    const actions = (await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, run.id))).map((a) => a.action).sort();
    expect(actions).toEqual(["demo.rescore_as_of", "scoring.full_rescore.start"]);
    // One run at a time, as for any full run.
    await expect(startDemoRescore({ ctx: admin, input: { asOf: "2026-03-16" } })).rejects.toBeInstanceOf(ConflictError);
    expect(await db.$count(scoringRuns)).toBe(1);
  });

  it("refuses a missing or future date, naming the field", async () => {
    const admin = await userContext("admin");
    for (const asOf of ["", "2999-01-01", "not a date"]) {
      const error = await startDemoRescore({ ctx: admin, input: untyped({ asOf }) }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect(Object.keys((error as ValidationError).fieldErrors)).toEqual(["asOf"]);
    }
    expect(await db.$count(scoringRuns, sql`true`)).toBe(0);
  });
});
