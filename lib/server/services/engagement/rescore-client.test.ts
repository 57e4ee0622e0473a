import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { NO_ORDERS_LEFT } from "@/lib/domain/email/discard-reasons";
import { auditLog, clientScores, emailTransitions, engagementSnapshots, orders, tierChanges, winBackEmails } from "@/lib/server/db/schema";
import { discardEmailsWithoutOrders } from "@/lib/server/services/emails/discard-emails-without-orders";
import { NotFoundError } from "@/lib/server/errors";
import { createClient } from "@/lib/server/services/clients/create-client";
import { cancelOrder } from "@/lib/server/services/orders/cancel-order";
import { createOrder } from "@/lib/server/services/orders/create-order";
import { clientsWithStaleScores } from "@/lib/server/data/engagement-sweep";
import { getTodayList } from "@/lib/server/data/today";
import { logContact } from "@/lib/server/services/today/log-contact";
import { insertEmail } from "@/test/email-fixtures";
import { clientInput, orderInput, userContext } from "@/test/fixtures";
import { drainEngine, serveInngestForEachTest } from "@/test/inngest-engine";
import { rescoreClient } from "./rescore-client";
import { rescoreClients } from "./rescore-clients";

// Saving an order has the rescore-client function rescore the client; the embedded engine runs it here.
serveInngestForEachTest();

const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString().slice(0, 10);

async function current(clientId: string) {
  const [row] = await db
    .select({ score: clientScores.score, tier: clientScores.tier, pAlive: clientScores.pAlive, scoredAt: clientScores.scoredAt })
    .from(clientScores)
    .where(eq(clientScores.clientId, clientId));
  return row;
}

async function ownClient() {
  const admin = await userContext("admin");
  const stylist = await userContext("stylist");
  const client = await createClient({ ctx: admin, input: clientInput({ stylistId: stylist.actor.id }) });
  return { stylist, client };
}

describe("rescoreClient", () => {
  it("rescores a client after an order is saved, and a fresh order raises the score", async () => {
    const { stylist, client } = await ownClient();
    await createOrder({ ctx: stylist, input: { clientId: client.id, ...orderInput({ orderedAt: daysAgo(400) }) } });
    await drainEngine();
    await createOrder({ ctx: stylist, input: { clientId: client.id, ...orderInput({ orderedAt: daysAgo(300) }) } });
    await drainEngine();
    const stale = await current(client.id);
    expect(stale).toMatchObject({ tier: "lapsed", pAlive: null });

    await createOrder({ ctx: stylist, input: { clientId: client.id, ...orderInput({ orderedAt: daysAgo(1), itemsKept: 5 }) } });
    await drainEngine();
    const fresh = await current(client.id);
    expect(fresh?.score).toBeGreaterThan(stale?.score ?? 100);
    expect(fresh?.tier).not.toBe("lapsed");
    expect(await db.$count(engagementSnapshots, eq(engagementSnapshots.clientId, client.id))).toBe(3);
    // Every move between tiers is on record; the first score is not a move.
    const changes = await db.select().from(tierChanges).where(eq(tierChanges.clientId, client.id)).orderBy(tierChanges.id);
    expect(changes.map((c) => [c.fromTier, c.toTier])).toEqual([["lapsed", fresh?.tier]]);
  });

  it("keeps one snapshot per as-of date, and an older as-of date does not overwrite newer values", async () => {
    const { stylist, client } = await ownClient();
    await createOrder({ ctx: stylist, input: { clientId: client.id, ...orderInput({ orderedAt: daysAgo(20) }) } });
    await drainEngine();
    const asOf = new Date(Date.now() - 10 * DAY);
    const first = await rescoreClient({ ctx: stylist, input: { clientId: client.id, asOf: asOf.toISOString() } });
    const again = await rescoreClient({ ctx: stylist, input: { clientId: client.id, asOf: asOf.toISOString() } });
    expect(again).toEqual(first);
    const snapshots = await db.select().from(engagementSnapshots).where(eq(engagementSnapshots.clientId, client.id));
    expect(snapshots.filter((s) => s.asOf.getTime() === asOf.getTime())).toHaveLength(1);
    // The order's own rescoring (as of now) is newer than the 10-days-ago one, so it stays on the client.
    expect((await current(client.id))?.scoredAt?.getTime()).toBeGreaterThan(asOf.getTime());
  });

  it("hides another stylist's client: rescoring it is not found", async () => {
    const { client } = await ownClient();
    const other = await userContext("stylist");
    await expect(rescoreClient({ ctx: other, input: { clientId: client.id } })).rejects.toBeInstanceOf(NotFoundError);
    expect((await current(client.id))?.scoredAt).toBeNull();
  });

  it("refuses an as-of date in the future", async () => {
    const { stylist, client } = await ownClient();
    const future = new Date(Date.now() + 2 * DAY).toISOString();
    await expect(rescoreClient({ ctx: stylist, input: { clientId: client.id, asOf: future } })).rejects.toMatchObject({
      fieldErrors: { asOf: ["The date cannot be in the future"] },
    });
  });
});

describe("rescoreClients", () => {
  it("rescores a batch in one go and skips clients the actor may not see", async () => {
    const { stylist, client } = await ownClient();
    const { client: someoneElses } = await ownClient();
    for (const c of [client, someoneElses]) await db.insert(orders).values({ clientId: c.id, source: "test", externalId: c.id, orderedAt: new Date(Date.now() - 5 * DAY), itemsShipped: 5, itemsKept: 3, valueCents: 9_000 });
    expect(await rescoreClients({ ctx: stylist, input: { clientIds: [client.id, someoneElses.id] } })).toBe(1);
    expect((await current(client.id))?.scoredAt).not.toBeNull();
    expect((await current(someoneElses.id))?.scoredAt).toBeNull();
  });

  it("keeps no score for a client whose only order is cancelled, records that it looked, and takes the score away again", async () => {
    const { stylist, client } = await ownClient();
    await createOrder({ ctx: stylist, input: { clientId: client.id, ...orderInput({ orderedAt: daysAgo(30), status: "cancelled" }) } });
    // The nightly sweep takes a client with orders and no score for one whose rescoring was lost.
    expect(await clientsWithStaleScores(db, 100)).toContain(client.id);
    await drainEngine();
    expect(await current(client.id)).toMatchObject({ score: null, tier: null, pAlive: null });
    expect((await current(client.id))?.scoredAt).not.toBeNull();
    expect(await clientsWithStaleScores(db, 100)).not.toContain(client.id);
    expect(await db.$count(engagementSnapshots, eq(engagementSnapshots.clientId, client.id))).toBe(0);

    // A first real order scores them; cancelling it takes the score away, with no change of tier on record.
    const order = await createOrder({ ctx: stylist, input: { clientId: client.id, ...orderInput({ orderedAt: daysAgo(20) }) } });
    await drainEngine();
    expect((await current(client.id))?.tier).not.toBeNull();
    // A win-back draft waits for review; another client's, who keeps an order, too.
    const draft = await insertEmail(client.id, "draft", "lapsed");
    const { stylist: othersStylist, client: other } = await ownClient();
    await createOrder({ ctx: othersStylist, input: { clientId: other.id, ...orderInput({ orderedAt: daysAgo(200) }) } });
    const othersDraft = await insertEmail(other.id, "draft", "lapsed");
    await cancelOrder({ ctx: stylist, input: { orderId: order.id } });
    await drainEngine();
    expect(await current(client.id)).toMatchObject({ score: null, tier: null });
    expect(await db.$count(tierChanges, eq(tierChanges.clientId, client.id))).toBe(0);
    // The draft goes with the score: it would recall a fix that never happened.
    const emailState = async (id: string) => (await db.select({ state: winBackEmails.state, reason: winBackEmails.discardReason }).from(winBackEmails).where(eq(winBackEmails.id, id)))[0];
    expect(await emailState(draft.id)).toEqual({ state: "discarded", reason: NO_ORDERS_LEFT });
    const [transition] = await db.select().from(emailTransitions).where(and(eq(emailTransitions.emailId, draft.id), eq(emailTransitions.toState, "discarded")));
    expect(transition).toMatchObject({ fromState: "draft", reason: NO_ORDERS_LEFT, actorLabel: "system:rescoring" });
    expect(await emailState(othersDraft.id)).toEqual({ state: "draft", reason: null });
  });

  it("records a client's return from unscored as an entry into their tier, so Today reads the slip from the return, not from an entry before", async () => {
    // No consent: outreach, which the tier changes start, leaves them be (a holdout draw would take them off Today).
    const admin = await userContext("admin");
    const stylist = await userContext("stylist");
    const client = await createClient({ ctx: admin, input: clientInput({ stylistId: stylist.actor.id, marketingConsent: undefined }) });
    const onToday = async () => (await getTodayList(stylist)).open.some((item) => item.clientId === client.id);
    const old = await createOrder({ ctx: stylist, input: { clientId: client.id, ...orderInput({ orderedAt: daysAgo(400) }) } });
    await drainEngine();
    const recent = await createOrder({ ctx: stylist, input: { clientId: client.id, ...orderInput({ orderedAt: daysAgo(2) }) } });
    await drainEngine();
    const revived = (await current(client.id))?.tier;
    expect(revived).not.toBe("lapsed");
    // Lapsed again, and called since: off Today.
    await cancelOrder({ ctx: stylist, input: { orderId: recent.id } });
    await drainEngine();
    expect(await onToday()).toBe(true);
    await logContact({ ctx: stylist, input: { clientId: client.id, channel: "phone" } });
    expect(await onToday()).toBe(false);
    // Every order cancelled, then an old one found: back in lapsed, a slip the call came before.
    await cancelOrder({ ctx: stylist, input: { orderId: old.id } });
    await drainEngine();
    expect((await current(client.id))?.tier).toBeNull();
    await createOrder({ ctx: stylist, input: { clientId: client.id, ...orderInput({ orderedAt: daysAgo(300) }) } });
    await drainEngine();
    const changes = await db.select().from(tierChanges).where(eq(tierChanges.clientId, client.id)).orderBy(tierChanges.id);
    expect(changes.map((c) => [c.fromTier, c.toTier])).toEqual([
      ["lapsed", revived],
      [revived, "lapsed"],
      [null, "lapsed"],
    ]);
    expect(await onToday()).toBe(true);
  });

  it("discards nightly what other paths left: every email on its way to a client with no order, once, in any waiting state", async () => {
    const { client: orderless } = await ownClient();
    const scheduled = await insertEmail(orderless.id, "scheduled", "lapsed", { scheduledFor: new Date(Date.now() + DAY) });
    const { stylist: keptStylist, client: kept } = await ownClient();
    await createOrder({ ctx: keptStylist, input: { clientId: kept.id, ...orderInput({ orderedAt: daysAgo(200) }) } });
    const approved = await insertEmail(kept.id, "approved", "lapsed");
    const sweep = { actor: { type: "system", name: "nightly-sweep" } as const, db };
    expect(await discardEmailsWithoutOrders({ ctx: sweep, input: {} })).toBe(1);
    expect(await discardEmailsWithoutOrders({ ctx: sweep, input: {} })).toBe(0);
    const states = await db.select({ id: winBackEmails.id, state: winBackEmails.state }).from(winBackEmails);
    expect(states.find((e) => e.id === scheduled.id)?.state).toBe("discarded");
    expect(states.find((e) => e.id === approved.id)?.state).toBe("approved");
    expect(await db.$count(auditLog, and(eq(auditLog.entityId, scheduled.id), eq(auditLog.action, "email.discard")))).toBe(1);
  });
});
