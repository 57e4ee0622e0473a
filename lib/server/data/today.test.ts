import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { auditLog, clientContacts, clients, clientScores, orders, outreachAssignments, tierChanges, winBackEmails } from "@/lib/server/db/schema";
import { readSettings } from "./settings";
import { NotFoundError, ValidationError } from "@/lib/server/errors";
import { approveEmail } from "@/lib/server/services/emails/approve-email";
import { snoozeClient } from "@/lib/server/services/today/snooze-client";
import { logContact } from "@/lib/server/services/today/log-contact";
import { getClientTimeline } from "./client-timeline";
import { userContext } from "@/test/fixtures";
import { buildTodayList, type TodayCandidate, valueAtRiskCents } from "@/lib/domain/today/work-list";
import { getTodayList, TODAY_SHOWN } from "./today";

const NOW = new Date("2026-12-09T10:00:00Z"); // a Wednesday; the week began on Monday 7 December
const SLIPPED = new Date("2026-11-20T00:00:00Z");
const DAY = 86_400_000;
type Tier = "healthy" | "watch" | "at_risk" | "lapsed";

/** A chance of an order for test clients: P(alive) × (1 − e^(−E / P(alive))), orders of a live client taken as Poisson. */
const chanceOfOrder = (pAlive: number, expected: number) => pAlive * (1 - Math.exp(-expected / pAlive));

let seq = 0;
/** A client of the stylist with a score, a tier reached on SLIPPED, and orders of the given values (the last on lastOrderAt). */
async function client(stylistId: string | null, o: { tier: Tier; pAlive: number; expected: number; values: number[]; lastOrderAt?: Date; slipped?: Date | null; pOrder?: number }) {
  seq += 1;
  const lastOrderAt = o.lastOrderAt ?? new Date("2026-08-01T00:00:00Z");
  const [row] = await db
    .insert(clients)
    .values({ name: `Client ${String(seq).padStart(2, "0")}`, email: `today${seq}@example.com`, stylistId, lastOrderAt, orderCount: o.values.length })
    .returning();
  if (!row) throw new Error("no client");
  // The value at risk is stored with the score, as scoring computes it.
  const average = o.values.length ? o.values.reduce((a, b) => a + b, 0) / o.values.length : null;
  const pOrder90d = o.pOrder ?? chanceOfOrder(o.pAlive, o.expected);
  const valueAtRisk = valueAtRiskCents(pOrder90d, average);
  await db
    .update(clientScores)
    .set({ tier: o.tier, score: 30, pAlive: o.pAlive, pOrder90d, scoredAt: SLIPPED, valueAtRiskCents: valueAtRisk })
    .where(eq(clientScores.clientId, row.id));
  // `slipped: null`: scored straight into the tier, which records no tier change (a first score).
  if (o.slipped !== null) await db.insert(tierChanges).values({ clientId: row.id, fromTier: "watch", toTier: o.tier, score: 30, changedAt: o.slipped ?? SLIPPED });
  if (o.values.length) {
    await db.insert(orders).values(
      o.values.map((valueCents, i) => ({
        clientId: row.id,
        source: "test",
        externalId: `${row.id}-${i}`,
        orderedAt: new Date(lastOrderAt.getTime() - i * 60 * DAY),
        itemsShipped: 5,
        itemsKept: 2,
        valueCents,
        status: "shipped" as const,
      })),
    );
  }
  return row.id;
}

describe("getTodayList", () => {
  it("ranks the stylist's at-risk and lapsed clients by chance of no order times average value, and only theirs", async () => {
    const stylist = await userContext("stylist");
    const other = await userContext("stylist");
    // Alive for sure with 1 expected order: P(order) = 1 − 1/e ≈ 0.632, so 0.368 × value is at stake.
    const likely = await client(stylist.actor.id, { tier: "at_risk", pAlive: 1, expected: 1, values: [40_000, 20_000] }); // 0.368 × 30,000 ≈ 11,036
    const unlikely = await client(stylist.actor.id, { tier: "lapsed", pAlive: 0.1, expected: 0.01, values: [12_000] }); // ≈ 0.99 × 12,000 ≈ 11,905
    const small = await client(stylist.actor.id, { tier: "at_risk", pAlive: 0.5, expected: 0.2, values: [5_000] });
    await client(stylist.actor.id, { tier: "healthy", pAlive: 0.9, expected: 1.5, values: [90_000] });
    await client(other.actor.id, { tier: "lapsed", pAlive: 0.05, expected: 0.01, values: [90_000] });

    const today = await getTodayList(stylist, NOW);
    expect(today.open.map((item) => item.clientId)).toEqual([unlikely, likely, small]);
    expect(today.open[1]?.averageKeptValueCents).toBe(30_000);
    expect(today.open[1]?.pOrder90d).toBeCloseTo(1 - Math.exp(-1), 5);
    expect(today.open[0]?.topDriver?.text).toMatch(/\w/);
    expect(today.openCount).toBe(3);
    expect(today.handledThisWeek).toBe(0);

    // The other stylist sees only their own client; an admin sees all four.
    expect((await getTodayList(other, NOW)).open).toHaveLength(1);
    expect((await getTodayList(await userContext("admin"), NOW)).openCount).toBe(4);
  });

  it("returns the first TODAY_SHOWN open items in the order buildTodayList gives, and caps nothing below the cap", async () => {
    const stylist = await userContext("stylist");
    const made: TodayCandidate[] = [];
    for (let i = 0; i < TODAY_SHOWN + 5; i++) {
      const pAlive = 0.1 + (i % 9) / 10;
      const values = [5_000 + ((i * 7_919) % 40_000)];
      const clientId = await client(stylist.actor.id, { tier: i % 2 ? "at_risk" : "lapsed", pAlive, expected: 0.3, values, slipped: new Date(SLIPPED.getTime() - i * DAY) });
      made.push({ clientId, pOrder90d: chanceOfOrder(pAlive, 0.3), averageKeptValueCents: values[0] ?? null, slippingSince: SLIPPED, lastOrderAt: null, lastContactAt: null, snoozedUntil: null, heldOutUntil: null });
    }
    // The most valuable of all, but held out of win-back outreach two days ago: off the list while its window runs.
    const held = await client(stylist.actor.id, { tier: "lapsed", pAlive: 0.1, expected: 0.3, values: [90_000] });
    const assignedAt = new Date(NOW.getTime() - 2 * DAY);
    await db.insert(outreachAssignments).values({ clientId: held, tier: "lapsed", group: "holdout", holdoutShare: 0.1, enteredAt: SLIPPED, assignedAt });
    const { attributionDays } = await readSettings(db, "win_back");
    const heldOutUntil = new Date(assignedAt.getTime() + attributionDays * DAY);
    made.push({ clientId: held, pOrder90d: chanceOfOrder(0.1, 0.3), averageKeptValueCents: 90_000, slippingSince: SLIPPED, lastOrderAt: null, lastContactAt: null, snoozedUntil: null, heldOutUntil });
    const today = await getTodayList(stylist, NOW);
    const expected = buildTodayList(made, NOW).open.slice(0, TODAY_SHOWN).map((c) => c.clientId);
    expect(today.open.map((item) => item.clientId)).toEqual(expected);
    expect(today.openCount).toBe(TODAY_SHOWN + 5);
    expect(today.openCountCapped).toBe(false);
  });

  it("takes a client off the list when snoozed or when they order after slipping, and counts this week's handling", async () => {
    const stylist = await userContext("stylist");
    const snoozed = await client(stylist.actor.id, { tier: "at_risk", pAlive: 0.5, expected: 0.2, values: [10_000] });
    const ordered = await client(stylist.actor.id, { tier: "at_risk", pAlive: 0.5, expected: 0.2, values: [10_000], lastOrderAt: new Date("2026-12-08T09:00:00Z") });
    const orderedLastWeek = await client(stylist.actor.id, { tier: "lapsed", pAlive: 0.5, expected: 0.2, values: [10_000], lastOrderAt: new Date("2026-12-01T09:00:00Z") });
    const oldSnooze = await client(stylist.actor.id, { tier: "lapsed", pAlive: 0.5, expected: 0.2, values: [10_000] });
    const open = await client(stylist.actor.id, { tier: "lapsed", pAlive: 0.5, expected: 0.2, values: [10_000] });
    // Recovered this week: was at risk, now healthy.
    const recovered = await client(stylist.actor.id, { tier: "healthy", pAlive: 0.9, expected: 1, values: [10_000] });
    await db.insert(tierChanges).values({ clientId: recovered, fromTier: "at_risk", toTier: "healthy", score: 70, changedAt: new Date("2026-12-08T02:00:00Z") });

    await snoozeClient({ ctx: stylist, input: { clientId: snoozed, days: "7", reason: "Spoke on the phone" }, now: new Date("2026-12-08T12:00:00Z") });
    await snoozeClient({ ctx: stylist, input: { clientId: oldSnooze, days: "3", reason: "Away on holiday" }, now: new Date("2026-12-01T12:00:00Z") });

    const today = await getTodayList(stylist, NOW);
    // The snooze of 1 December ran out on the 4th, so that client is back; both who ordered after slipping are off.
    expect(new Set(today.open.map((item) => item.clientId))).toEqual(new Set([oldSnooze, open]));
    expect(today.open.map((i) => i.clientId)).not.toContain(snoozed);
    expect(today.open.map((i) => i.clientId)).not.toContain(ordered);
    expect(today.open.map((i) => i.clientId)).not.toContain(orderedLastWeek);
    // This week: the snooze, the order on the 8th and the recovery; not the order of 1 December.
    expect(today.handledThisWeek).toBe(3);

    // A week later the snooze has run out and the client is back.
    const later = await getTodayList(stylist, new Date("2026-12-16T10:00:00Z"));
    expect(later.open.map((i) => i.clientId)).toContain(snoozed);
  });

  it("takes a client off the list once a win-back email is written or let go after the slip, not for a discarded one, one before it, or an outreach draft nobody reviewed", async () => {
    const stylist = await userContext("stylist");
    const written = await client(stylist.actor.id, { tier: "at_risk", pAlive: 0.5, expected: 0.2, values: [10_000] });
    const waiting = await client(stylist.actor.id, { tier: "at_risk", pAlive: 0.5, expected: 0.2, values: [10_000] });
    const discarded = await client(stylist.actor.id, { tier: "at_risk", pAlive: 0.5, expected: 0.2, values: [10_000] });
    const emailedBefore = await client(stylist.actor.id, { tier: "lapsed", pAlive: 0.5, expected: 0.2, values: [10_000] });
    const email = (clientId: string, state: "draft" | "discarded" | "sent", createdAt: Date, origin: "outreach" | "stylist" = "outreach") => ({
      clientId, state, origin, subject: "Hello", body: "Hi", callToAction: "Book", writer: "offline" as const, toAddress: "c@example.com", createdAt, updatedAt: createdAt,
    });
    const [, draft] = await db
      .insert(winBackEmails)
      .values([
        email(written, "draft", new Date("2026-12-08T09:00:00Z"), "stylist"),
        email(waiting, "draft", new Date("2026-12-08T09:00:00Z")),
        email(discarded, "discarded", new Date("2026-12-08T09:00:00Z")),
        email(emailedBefore, "sent", new Date("2026-11-01T09:00:00Z")),
      ])
      .returning();

    const today = await getTodayList(stylist, NOW);
    expect(new Set(today.open.map((item) => item.clientId))).toEqual(new Set([waiting, discarded, emailedBefore]));
    expect(today.open.find((item) => item.clientId === waiting)).toMatchObject({ waitingDraftId: draft?.id, lastContactAt: null });
    // The stylist's draft of the 8th counts as this week's handling; outreach's waits for review.
    expect(today.handledThisWeek).toBe(1);

    // Approved on the 9th: let go, it is contact from then.
    if (!draft) throw new Error("no draft");
    await approveEmail({ ctx: await userContext("marketer"), input: { emailId: draft.id }, now: new Date("2026-12-09T08:00:00Z") });
    const after = await getTodayList(stylist, NOW);
    expect(new Set(after.open.map((item) => item.clientId))).toEqual(new Set([discarded, emailedBefore]));
    expect(after.handledThisWeek).toBe(2);
  });

  it("leaves a held-out client off the list while their window runs, counting them, and lists them again once it closes", async () => {
    const stylist = await userContext("stylist");
    const held = await client(stylist.actor.id, { tier: "at_risk", pAlive: 0.5, expected: 0.2, values: [10_000] });
    const heldLongAgo = await client(stylist.actor.id, { tier: "at_risk", pAlive: 0.5, expected: 0.2, values: [10_000] });
    // Held out, but ordered since slipping: off the list as handled, not counted as held out.
    const heldAndOrdered = await client(stylist.actor.id, { tier: "at_risk", pAlive: 0.5, expected: 0.2, values: [10_000], lastOrderAt: new Date("2026-12-01T09:00:00Z") });
    const otherStylist = await userContext("stylist");
    const othersHeld = await client(otherStylist.actor.id, { tier: "lapsed", pAlive: 0.5, expected: 0.2, values: [10_000] });
    const assignedAt = new Date("2026-11-25T10:00:00Z");
    await db.insert(outreachAssignments).values([
      { clientId: held, tier: "at_risk", group: "holdout", holdoutShare: 0.1, enteredAt: SLIPPED, assignedAt },
      { clientId: heldLongAgo, tier: "at_risk", group: "holdout", holdoutShare: 0.1, enteredAt: new Date("2026-01-01T00:00:00Z"), assignedAt: new Date("2026-01-02T00:00:00Z") },
      { clientId: othersHeld, tier: "lapsed", group: "holdout", holdoutShare: 0.1, enteredAt: SLIPPED, assignedAt },
      { clientId: heldAndOrdered, tier: "at_risk", group: "holdout", holdoutShare: 0.1, enteredAt: SLIPPED, assignedAt },
    ]);
    const today = await getTodayList(stylist, NOW);
    const listed = new Set(today.open.map((item) => item.clientId));
    expect(listed.has(held)).toBe(false);
    expect(listed.has(heldLongAgo)).toBe(true);
    // Only the stylist's own held-out clients are counted for them.
    expect(today).toMatchObject({ heldOut: 1, heldOutCapped: false, openCount: today.open.length });
    expect((await getTodayList(await userContext("marketer"), NOW)).heldOut).toBe(2);

    // The window closes: back on the list, no longer counted.
    const { attributionDays } = await readSettings(db, "win_back");
    const after = await getTodayList(stylist, new Date(assignedAt.getTime() + attributionDays * DAY + 1000));
    expect(after.open.map((item) => item.clientId)).toContain(held);
    expect(after.heldOut).toBe(0);
  });

  it("counts an outreach draft written last week and approved this week as this week's contact, from its approval", async () => {
    const stylist = await userContext("stylist");
    const id = await client(stylist.actor.id, { tier: "at_risk", pAlive: 0.5, expected: 0.2, values: [10_000] });
    const lastWeek = new Date("2026-12-02T09:00:00Z");
    const [draft] = await db
      .insert(winBackEmails)
      .values({ clientId: id, state: "draft", origin: "outreach", subject: "Hello", body: "Hi", callToAction: "Book", writer: "offline", toAddress: "c@example.com", createdAt: lastWeek, updatedAt: lastWeek })
      .returning();
    if (!draft) throw new Error("no draft");
    expect((await getTodayList(stylist, NOW)).handledThisWeek).toBe(0);
    await approveEmail({ ctx: await userContext("marketer"), input: { emailId: draft.id }, now: new Date("2026-12-08T15:00:00Z") });
    const today = await getTodayList(stylist, NOW);
    expect(today.open.map((item) => item.clientId)).not.toContain(id);
    expect(today.handledThisWeek).toBe(1);
  });
});

describe("getTodayList after rescoring", () => {
  it("keeps a client scored straight into at risk, and emailed since, off the list however often they are rescored", async () => {
    const stylist = await userContext("stylist");
    const firstScored = await client(stylist.actor.id, { tier: "at_risk", pAlive: 0.5, expected: 0.2, values: [10_000], slipped: null });
    const untouched = await client(stylist.actor.id, { tier: "at_risk", pAlive: 0.5, expected: 0.2, values: [10_000], slipped: null });
    await db.insert(winBackEmails).values({ clientId: firstScored, state: "scheduled", origin: "outreach", subject: "Hello", body: "Hi", callToAction: "Book", writer: "offline", toAddress: "c@example.com", createdAt: new Date("2026-12-08T09:00:00Z") });
    expect((await getTodayList(stylist, NOW)).open.map((item) => item.clientId)).toEqual([untouched]);
    // Tonight's full run scores both again, in the same tier: no tier change, a later scored_at.
    await db.update(clientScores).set({ scoredAt: new Date("2026-12-09T03:00:00Z") });
    const today = await getTodayList(stylist, NOW);
    expect(today.open.map((item) => item.clientId)).toEqual([untouched]);
    expect(today.openCount + today.handledThisWeek).toBe(2);
  });

  it("shows the chance of an order its value at stake was worked out from, not a second estimate", async () => {
    const stylist = await userContext("stylist");
    // P(alive) 0.67 and 0.7 expected orders would read as 43%; the score's calibrated outlook said 20%.
    const id = await client(stylist.actor.id, { tier: "at_risk", pAlive: 0.67, expected: 0.7, values: [100_000, 110_000, 90_000], pOrder: 0.2 });
    const [item] = (await getTodayList(stylist, NOW)).open;
    expect(item?.clientId).toBe(id);
    expect(item?.pOrder90d).toBeCloseTo(0.2, 5);
    expect(item?.priority).toBeCloseTo(0.8 * 100_000, 0);
  });
});

describe("snoozeClient", () => {
  it("records the reason and the end of the snooze with an audit row", async () => {
    const stylist = await userContext("stylist");
    const id = await client(stylist.actor.id, { tier: "at_risk", pAlive: 0.5, expected: 0.2, values: [10_000] });
    const snooze = await snoozeClient({ ctx: stylist, input: { clientId: id, days: 14, reason: "  Will call after her trip " }, now: NOW });
    expect(snooze).toMatchObject({ clientId: id, reason: "Will call after her trip", snoozedBy: stylist.actor.id, until: new Date(NOW.getTime() + 14 * DAY) });
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.entityId, id));
    expect(audit).toMatchObject({ action: "client.snooze", actorId: stylist.actor.id, entityType: "client" });
    expect(audit?.after).toMatchObject({ reason: "Will call after her trip", days: 14 });
  });

  it("refuses another stylist's client as not found, and bad input naming the fields", async () => {
    const stylist = await userContext("stylist");
    const other = await userContext("stylist");
    const id = await client(stylist.actor.id, { tier: "at_risk", pAlive: 0.5, expected: 0.2, values: [10_000] });
    await expect(snoozeClient({ ctx: other, input: { clientId: id, days: 7, reason: "Not mine" } })).rejects.toBeInstanceOf(NotFoundError);
    const invalid = await snoozeClient({ ctx: stylist, input: { clientId: id, days: 400, reason: "" } }).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(ValidationError);
    expect(Object.keys((invalid as ValidationError).fieldErrors).sort()).toEqual(["days", "reason"]);
    expect(await db.$count(auditLog, eq(auditLog.entityId, id))).toBe(0);
  });
});

describe("logContact", () => {
  it("takes a client off Today as contact made after the slip, counts it this week and shows it on the timeline; one before the slip does not count", async () => {
    const stylist = await userContext("stylist");
    const called = await client(stylist.actor.id, { tier: "lapsed", pAlive: 0.5, expected: 0.2, values: [10_000] });
    const calledBefore = await client(stylist.actor.id, { tier: "at_risk", pAlive: 0.5, expected: 0.2, values: [10_000] });
    const untouched = await client(stylist.actor.id, { tier: "at_risk", pAlive: 0.5, expected: 0.2, values: [10_000] });
    // Called on Monday, slipped on Tuesday: the call was this week, but before the slip, so it handles nothing.
    const calledThisWeekBeforeSlip = await client(stylist.actor.id, { tier: "lapsed", pAlive: 0.5, expected: 0.2, values: [10_000], slipped: new Date("2026-12-08T02:00:00Z") });
    await logContact({ ctx: stylist, input: { clientId: called, channel: "phone", note: "  Left a voicemail, will try Friday " }, now: new Date("2026-12-08T15:00:00Z") });
    await logContact({ ctx: stylist, input: { clientId: calledBefore, channel: "text" }, now: new Date(SLIPPED.getTime() - DAY) });
    await logContact({ ctx: stylist, input: { clientId: calledThisWeekBeforeSlip, channel: "in_person" }, now: new Date("2026-12-07T15:00:00Z") });

    const today = await getTodayList(stylist, NOW);
    expect(new Set(today.open.map((item) => item.clientId))).toEqual(new Set([calledBefore, untouched, calledThisWeekBeforeSlip]));
    expect(today.open.find((item) => item.clientId === calledBefore)?.lastContactAt).toEqual(new Date(SLIPPED.getTime() - DAY));
    expect(today.handledThisWeek).toBe(1);

    const timeline = await getClientTimeline(stylist, called);
    expect(timeline.find((entry) => entry.title.startsWith("Contact logged"))).toMatchObject({ title: expect.stringMatching(/^Contact logged by /), detail: "Phone call: Left a voicemail, will try Friday" });
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.entityId, called));
    expect(audit).toMatchObject({ action: "client.contact", actorId: stylist.actor.id, after: { channel: "phone", note: "Left a voicemail, will try Friday" } });
    const [stored] = await db.select().from(clientContacts).where(eq(clientContacts.clientId, called));
    expect(stored).toMatchObject({ channel: "phone", note: "Left a voicemail, will try Friday", loggedBy: stylist.actor.id });
  });

  it("refuses another stylist's client as not found, and bad input naming the fields, writing nothing", async () => {
    const stylist = await userContext("stylist");
    const other = await userContext("stylist");
    const id = await client(stylist.actor.id, { tier: "at_risk", pAlive: 0.5, expected: 0.2, values: [10_000] });
    await expect(logContact({ ctx: other, input: { clientId: id, channel: "phone" } })).rejects.toBeInstanceOf(NotFoundError);
    const invalid = await logContact({ ctx: stylist, input: { clientId: id, channel: "fax", note: "x".repeat(501) } as never }).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(ValidationError);
    expect(Object.keys((invalid as ValidationError).fieldErrors).sort()).toEqual(["channel", "note"]);
    expect(await db.$count(clientContacts, eq(clientContacts.clientId, id))).toBe(0);
  });
});
