import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { clients, clientScores, tierChanges, todayHandled, winBackEmails } from "@/lib/server/db/schema";
import { reassignClients } from "@/lib/server/services/clients/reassign-clients";
import { approveEmail } from "@/lib/server/services/emails/approve-email";
import { discardEmail } from "@/lib/server/services/emails/discard-email";
import { editEmail } from "@/lib/server/services/emails/edit-email";
import { cancelOrder } from "@/lib/server/services/orders/cancel-order";
import { createOrder } from "@/lib/server/services/orders/create-order";
import { snoozeClient } from "@/lib/server/services/today/snooze-client";
import { userContext } from "@/test/fixtures";
import { parseClientListQuery } from "@/lib/domain/clients/list-query";
import { listClientsForExport } from "./clients";
import { getTodayList } from "./today";

// "Handled this week" is kept by triggers as snoozes, emails and orders happen (today_handled), so these go through
// the real paths at the real time: the order form refuses dates in the future.
const DAY = 86_400_000;

let seq = 0;
async function slipping(stylistId: string, tier: "at_risk" | "lapsed" | "healthy" = "at_risk") {
  seq += 1;
  const [row] = await db.insert(clients).values({ name: `Handled ${seq}`, email: `handled${seq}@example.com`, stylistId }).returning();
  if (!row) throw new Error("no client");
  const slipped = new Date(Date.now() - 30 * DAY);
  await db.update(clientScores).set({ tier, score: 30, pAlive: 0.5, pOrder90d: 0.16, scoredAt: slipped, valueAtRiskCents: 5_000 }).where(eq(clientScores.clientId, row.id));
  await db.insert(tierChanges).values({ clientId: row.id, fromTier: "watch", toTier: tier, score: 30, changedAt: slipped });
  return row.id;
}

type Ctx = Awaited<ReturnType<typeof userContext>>;
const handled = async (ctx: Ctx) => (await getTodayList(ctx)).handledThisWeek;
/** The clients the Today figure links to (`/clients?handled=week`), so the number and its list can be compared. */
const handledList = async (ctx: Ctx) => (await listClientsForExport(ctx, parseClientListQuery({ handled: "week" }))).rows.map((r) => r.id).sort();

describe("handled this week, kept as it happens", () => {
  it("counts a draft outreach wrote only once it is approved: until then Today keeps its client, with the draft to review", async () => {
    const anna = await userContext("stylist");
    const client = await slipping(anna.actor.id);
    const [draft] = await db
      .insert(winBackEmails)
      .values({ clientId: client, state: "draft", origin: "outreach", tier: "at_risk", subject: "Hi", body: "Hello", callToAction: "Book", writer: "offline", toAddress: "c@example.com" })
      .returning();
    if (!draft) throw new Error("no draft");
    expect(await handled(anna)).toBe(0);
    expect((await getTodayList(anna)).open.find((item) => item.clientId === client)).toMatchObject({ waitingDraftId: draft.id, lastContactAt: null });

    await approveEmail({ ctx: anna, input: { emailId: draft.id } });
    expect(await handled(anna)).toBe(1);
    expect(await handledList(anna)).toEqual([client]);
    expect((await getTodayList(anna)).open.map((item) => item.clientId)).not.toContain(client);

    // Edited after approval, it is a draft waiting for review again: back on Today, no longer handled.
    await editEmail({ ctx: anna, input: { emailId: draft.id, subject: "Hello again", preheader: "", body: "Hello, it has been a while.", callToAction: "Book" } });
    expect((await getTodayList(anna)).open.find((item) => item.clientId === client)).toMatchObject({ waitingDraftId: draft.id });
    expect(await handled(anna)).toBe(0);
  });

  it("counts contact with a client scored straight into their tier from their last order, as Today does, however recent the score", async () => {
    const anna = await userContext("stylist");
    seq += 1;
    const [row] = await db.insert(clients).values({ name: `Handled ${seq}`, email: `handled${seq}@example.com`, stylistId: anna.actor.id, lastOrderAt: new Date(Date.now() - 60 * DAY) }).returning();
    if (!row) throw new Error("no client");
    // A first score records no tier change; tonight's run scored the client again after the email below was written.
    await db.update(clientScores).set({ tier: "at_risk", score: 30, pAlive: 0.5, pOrder90d: 0.16, scoredAt: new Date(Date.now() + 60_000), valueAtRiskCents: 5_000 }).where(eq(clientScores.clientId, row.id));
    await db.insert(winBackEmails).values({ clientId: row.id, state: "draft", origin: "stylist", subject: "Hi", body: "Hello", callToAction: "Book", writer: "offline", toAddress: "c@example.com" });
    expect((await getTodayList(anna)).open.map((item) => item.clientId)).not.toContain(row.id);
    expect(await handled(anna)).toBe(1);
  });

  it("counts a snooze, a drafted email and an order once each, and follows the client when reassigned", async () => {
    const admin = await userContext("admin");
    const anna = await userContext("stylist");
    const ben = await userContext("stylist");
    const snoozed = await slipping(anna.actor.id);
    const emailed = await slipping(anna.actor.id);
    const ordered = await slipping(anna.actor.id);
    const healthy = await slipping(anna.actor.id, "healthy");
    expect(await handled(anna)).toBe(0);

    await snoozeClient({ ctx: anna, input: { clientId: snoozed, days: "7", reason: "Called her" } });
    // A second snooze the same week is the same client handled, not another.
    await snoozeClient({ ctx: anna, input: { clientId: snoozed, days: "3", reason: "Called again" } });
    expect(await handled(anna)).toBe(1);

    await db.insert(winBackEmails).values({ clientId: emailed, state: "draft", origin: "stylist", subject: "Hi", body: "Hello", callToAction: "Book", writer: "offline", toAddress: "c@example.com" });
    expect(await handled(anna)).toBe(2);

    await createOrder({ ctx: admin, input: { clientId: ordered, orderedAt: new Date().toISOString(), itemsShipped: 5, itemsKept: 2, valueCents: 12_000, status: "shipped" } });
    // An order of a client not slipping is no handling.
    await createOrder({ ctx: admin, input: { clientId: healthy, orderedAt: new Date().toISOString(), itemsShipped: 5, itemsKept: 2, valueCents: 12_000, status: "shipped" } });
    expect(await handled(anna)).toBe(3);
    expect(await handled(admin)).toBe(3);
    expect(await db.select().from(todayHandled)).toHaveLength(3);

    await reassignClients({ ctx: admin, input: { to: ben.actor.id, scope: "selected", clientIds: [emailed, ordered] } });
    expect(await handled(anna)).toBe(1);
    expect(await handled(ben)).toBe(2);
    expect(await handled(admin)).toBe(3);
    // The figure's link lists exactly the clients it counts, in each one's scope.
    expect(await handledList(anna)).toEqual([snoozed]);
    expect(await handledList(ben)).toEqual([emailed, ordered].sort());
    expect(await handledList(admin)).toEqual([snoozed, emailed, ordered].sort());
  });

  it("stops counting a client whose draft is discarded or whose order is cancelled, as Today lists them again", async () => {
    const admin = await userContext("admin");
    const anna = await userContext("stylist");
    const emailed = await slipping(anna.actor.id);
    const ordered = await slipping(anna.actor.id);
    const [draft] = await db
      .insert(winBackEmails)
      .values({ clientId: emailed, state: "draft", origin: "stylist", subject: "Hi", body: "Hello", callToAction: "Book", writer: "offline", toAddress: "c@example.com" })
      .returning();
    const order = await createOrder({ ctx: admin, input: { clientId: ordered, orderedAt: new Date().toISOString(), itemsShipped: 5, itemsKept: 2, valueCents: 12_000, status: "shipped" } });
    expect(await handled(anna)).toBe(2);
    if (!draft) throw new Error("no draft");
    await discardEmail({ ctx: admin, input: { emailId: draft.id, reason: "Not the right tone" } });
    await cancelOrder({ ctx: admin, input: { orderId: order.id } });
    expect(await handled(anna)).toBe(0);
    expect(await handledList(anna)).toEqual([]);
    expect((await getTodayList(anna)).open.map((item) => item.clientId).sort()).toEqual([emailed, ordered].sort());
  });

  it("does not count a discarded email, nor an email or order from before the slip", async () => {
    const anna = await userContext("stylist");
    const discarded = await slipping(anna.actor.id);
    const early = await slipping(anna.actor.id);
    const before = new Date(Date.now() - 40 * DAY);
    await db.insert(winBackEmails).values([
      { clientId: discarded, state: "discarded", origin: "stylist", subject: "Hi", body: "Hello", callToAction: "Book", writer: "offline", toAddress: "c@example.com" },
      { clientId: early, state: "sent", origin: "stylist", subject: "Hi", body: "Hello", callToAction: "Book", writer: "offline", toAddress: "c@example.com", createdAt: before },
    ]);
    expect(await handled(anna)).toBe(0);
    expect(await db.select().from(todayHandled)).toHaveLength(0);
  });
});
