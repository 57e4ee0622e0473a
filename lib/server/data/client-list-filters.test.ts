import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { parseClientListQuery } from "@/lib/domain/clients/list-query";
import { db } from "@/lib/server/db/client";
import { clients, clientScores, orders, tierChanges } from "@/lib/server/db/schema";
import { clientPicture } from "@/lib/domain/engagement";
import { readSettings } from "./settings";
import type { SystemActor } from "@/lib/domain/access/policy";
import { modelFits } from "@/lib/server/db/schema";
import { runFullRescore } from "@/lib/server/services/engagement/run-full-rescore";
import { startFullRescore } from "@/lib/server/services/engagement/start-full-rescore";
import { insertDemoClients } from "@/test/engagement-fixtures";
import { userContext } from "@/test/fixtures";
import { getClientEngagement } from "./engagement";
import { countClients, listClientsForExport } from "./clients";

const NOW = Date.now();
const DAY = 86_400_000;
const AS_OF = new Date("2026-06-01T00:00:00Z");
const SYSTEM: SystemActor = { type: "system", name: "test" };
type Tier = "healthy" | "watch" | "at_risk" | "lapsed" | null;

/** A hand-made client: its tier, score, P(alive), chance of an order in 90 days, expected next order (days from now), consent. */
async function client(name: string, o: { tier: Tier; score: number | null; pAlive?: number; chance?: number; nextInDays?: number; consent?: boolean }) {
  const [row] = await db.insert(clients).values({ name, email: `${name.toLowerCase()}@example.com`, marketingConsent: o.consent ?? false }).returning({ id: clients.id });
  if (!row) throw new Error("no client");
  await db
    .update(clientScores)
    .set({
      tier: o.tier,
      score: o.score,
      pAlive: o.pAlive ?? null,
      pOrder90d: o.chance ?? null,
      nextOrderExpectedAt: o.nextInDays === undefined ? null : new Date(NOW + o.nextInDays * DAY),
    })
    .where(eq(clientScores.clientId, row.id));
  return row.id;
}

async function names(params: Record<string, string>) {
  const admin = await userContext("admin");
  const query = parseClientListQuery({ sort: "name", ...params });
  const { rows } = await listClientsForExport(admin, query);
  const count = await countClients(admin, query);
  expect(count.value).toBe(rows.length);
  return rows.map((r) => r.name);
}

describe("the clients list's filters", () => {
  it("combines several tiers, score and chance ranges, days overdue, consent and newly at risk", async () => {
    await client("Ada", { tier: "healthy", score: 85, pAlive: 1, chance: 0.63, nextInDays: 20, consent: true });
    await client("Bea", { tier: "at_risk", score: 40, pAlive: 0.5, chance: 0.0906, nextInDays: -10, consent: true });
    const cy = await client("Cy", { tier: "lapsed", score: 12, pAlive: 0.2, chance: 0.04, nextInDays: -90 });
    const dee = await client("Dee", { tier: "at_risk", score: 35, pAlive: 0.6, chance: 0.24, nextInDays: -3 });
    await client("Eve", { tier: null, score: null });

    expect(await names({ tier: "at_risk,lapsed" })).toEqual(["Bea", "Cy", "Dee"]);
    expect(await names({ tier: "unscored,healthy" })).toEqual(["Ada", "Eve"]);
    expect(await names({ scoreMin: "30", scoreMax: "40" })).toEqual(["Bea", "Dee"]);
    expect(await names({ pMax: "9" })).toEqual(["Bea", "Cy"]); // Bea rounds to 9%, Cy is 4%; Eve has no chance to compare
    expect(await names({ pMin: "50" })).toEqual(["Ada"]);
    expect(await names({ overdue: "7" })).toEqual(["Bea", "Cy"]);
    expect(await names({ overdue: "0" })).toEqual(["Bea", "Cy", "Dee"]);
    expect(await names({ consent: "yes" })).toEqual(["Ada", "Bea"]);
    expect(await names({ consent: "no", tier: "at_risk,lapsed", overdue: "30" })).toEqual(["Cy"]);

    // Newly at risk: moved from healthy or watch into a slipping tier in the last 7 days. Cy lapsed from at risk (not
    // newly at risk), and Dee's move was three weeks ago until a fresh one this week.
    await db.insert(tierChanges).values([
      { clientId: cy, fromTier: "at_risk", toTier: "lapsed", score: 12, changedAt: new Date(NOW - 2 * DAY) },
      { clientId: dee, fromTier: "watch", toTier: "at_risk", score: 35, changedAt: new Date(NOW - 21 * DAY) },
    ]);
    expect(await names({ newly: "1" })).toEqual([]);
    await db.insert(tierChanges).values({ clientId: dee, fromTier: "healthy", toTier: "at_risk", score: 35, changedAt: new Date(NOW - 1 * DAY) });
    expect(await names({ newly: "1" })).toEqual(["Dee"]);
    // Lapsed all week, Cy had an order entered and cancelled (lapsed, watch, lapsed within a minute): no news.
    await db.insert(tierChanges).values([
      { clientId: cy, fromTier: "lapsed", toTier: "watch", score: 60, changedAt: new Date(NOW - DAY - 60_000) },
      { clientId: cy, fromTier: "watch", toTier: "lapsed", score: 12, changedAt: new Date(NOW - DAY) },
    ]);
    expect(await names({ newly: "1" })).toEqual(["Dee"]);
  });

  it("filters by the chance of an order the client's page shows: the model's, recalibrated on the shop's history", async () => {
    const admin = await userContext("admin");
    const ids = await insertDemoClients(400, AS_OF);
    const queued = await startFullRescore({ ctx: admin, input: { asOf: AS_OF.toISOString() } });
    await runFullRescore({ ctx: { actor: SYSTEM, db }, input: { runId: queued.id } });
    const [fit] = await db.select({ params: modelFits.params }).from(modelFits);
    expect(fit?.params).toHaveProperty("cal_slope"); // the run learned a calibration, so the two estimates differ
    // What each client's page says, in whole percent, as of the run (recomputed from its snapshot and model).
    const shown = new Map<string, number>();
    for (const id of ids) {
      const chance = (await getClientEngagement(admin, id)).latest?.pOrder90d;
      if (chance != null) shown.set(id, Math.round(chance * 100));
    }
    const percents = [...shown.values()].sort((a, b) => a - b);
    for (const bound of [percents[Math.floor(percents.length / 4)] ?? 0, percents[Math.floor(percents.length / 2)] ?? 0]) {
      const below = new Set((await listClientsForExport(admin, parseClientListQuery({ pMax: String(bound) }))).rows.map((r) => r.id));
      const expected = [...shown].filter(([, percent]) => percent <= bound).map(([id]) => id);
      expect([...below].sort()).toEqual(expected.sort());
    }
    // And the list shows each client the chance it filters on.
    const { rows } = await listClientsForExport(admin, parseClientListQuery({}));
    for (const row of rows) if (shown.has(row.id)) expect(Math.round((row.pOrder90d ?? Number.NaN) * 100)).toBe(shown.get(row.id));
  });

  it("filters by days overdue as the client's page counts them: past the next order due by their own rhythm", async () => {
    const admin = await userContext("admin");
    const ids = await insertDemoClients(200, AS_OF);
    const queued = await startFullRescore({ ctx: admin, input: { asOf: AS_OF.toISOString() } });
    await runFullRescore({ ctx: { actor: SYSTEM, db }, input: { runId: queued.id } });
    // "Next order due … N days late" on each client's page, as of now.
    const now = new Date();
    const settings = await readSettings(db, "engagement");
    const late = new Map<string, number>();
    for (const id of ids) {
      const clientOrders = await db.select().from(orders).where(eq(orders.clientId, id));
      const { figures } = clientPicture({ orders: clientOrders, asOf: now, settings, model: null });
      if (figures.nextOrder.dueAt) late.set(id, figures.nextOrder.daysLate);
    }
    const days = [...late.values()].sort((a, b) => a - b);
    for (const bound of [1, days[Math.floor(days.length / 3)] ?? 0, days[Math.floor((2 * days.length) / 3)] ?? 0]) {
      const overdue = (await listClientsForExport(admin, parseClientListQuery({ overdue: String(bound) }))).rows.map((r) => r.id);
      const expected = [...late].filter(([, daysLate]) => daysLate >= bound).map(([id]) => id);
      expect(expected.length).toBeGreaterThan(0);
      expect(overdue.sort()).toEqual(expected.sort());
    }
  });

  it("ignores malformed bounds instead of failing", async () => {
    await client("Ada", { tier: "healthy", score: 85 });
    expect(await names({ scoreMin: "lots", pMax: "200", overdue: "-1", consent: "maybe", tier: "nope" })).toEqual(["Ada"]);
  });
});
