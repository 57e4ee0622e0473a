import { eq, sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/server/db/client";
import { emailEvents, emailSuppressions, orders, outreachAssignments, winBackEmails } from "@/lib/server/db/schema";
import type { EmailState } from "@/lib/domain/email/lifecycle";
import { createClient } from "@/lib/server/services/clients/create-client";
import { reassignClients } from "@/lib/server/services/clients/reassign-clients";
import { clientInput, userContext } from "@/test/fixtures";
import { getEmailOverview } from "./email-overview";

const RANGE = { from: "2026-06-01", to: "2026-06-30" };
const IN_RANGE = new Date("2026-06-10T10:00:00Z");

async function clientOf(stylistId: string) {
  const admin = await userContext("admin");
  const client = await createClient({ ctx: admin, input: clientInput({ stylistId }) });
  if (!client) throw new Error("no client");
  return client;
}

async function email(clientId: string, state: EmailState, tier: "at_risk" | "lapsed", extra: Partial<typeof winBackEmails.$inferInsert> = {}) {
  const [row] = await db
    .insert(winBackEmails)
    .values({ clientId, state, tier, origin: "outreach", subject: "s", body: "b", callToAction: "c", writer: "offline", toAddress: "x@example.com", createdAt: IN_RANGE, ...extra })
    .returning();
  if (!row) throw new Error("no email");
  return row;
}

describe("the overview's email figures, on a hand-made data set", () => {
  it("counts the funnel by tier and stylist, opens and clicks per week, the suppression list, and win-backs", async () => {
    const ava = await userContext("stylist", "Ava");
    const ben = await userContext("stylist", "Ben");
    const a1 = await clientOf(ava.actor.id);
    const a2 = await clientOf(ava.actor.id);
    const b1 = await clientOf(ben.actor.id);
    // Ava: a draft and an opened email (at risk); Ben: a clicked and a bounced one (lapsed); one outside the range.
    await email(a1.id, "draft", "at_risk");
    const opened = await email(a2.id, "opened", "at_risk", { sentAt: IN_RANGE });
    const clicked = await email(b1.id, "clicked", "lapsed", { sentAt: IN_RANGE });
    await email(b1.id, "bounced", "lapsed", { sentAt: IN_RANGE });
    await email(b1.id, "sent", "lapsed", { createdAt: new Date("2026-05-01T00:00:00Z") });
    await db.insert(emailEvents).values([
      { deliveryId: "d1", emailId: opened.id, type: "opened", payload: {}, receivedAt: new Date("2026-06-10T12:00:00Z") },
      { deliveryId: "d2", emailId: clicked.id, type: "opened", payload: {}, receivedAt: new Date("2026-06-16T12:00:00Z") },
      { deliveryId: "d3", emailId: clicked.id, type: "clicked", payload: {}, receivedAt: new Date("2026-06-16T12:05:00Z") },
    ]);
    await db.insert(emailSuppressions).values({ address: "gone@example.com", reason: "bounced" });
    // Win-backs: a2 was emailed and ordered 5 days after the send; b1 held out and did not order.
    await db.insert(outreachAssignments).values([
      { clientId: a2.id, tier: "at_risk", group: "emailed", holdoutShare: 0.1, emailId: opened.id, enteredAt: IN_RANGE, assignedAt: IN_RANGE },
      { clientId: b1.id, tier: "lapsed", group: "holdout", holdoutShare: 0.1, enteredAt: IN_RANGE, assignedAt: IN_RANGE },
    ]);
    await db.insert(orders).values({ clientId: a2.id, source: "test", externalId: "o-1", orderedAt: new Date("2026-06-15T00:00:00Z"), itemsShipped: 3, itemsKept: 1, valueCents: 5_000, status: "shipped" });

    const marketer = await userContext("marketer");
    const overview = await getEmailOverview(marketer, RANGE);
    // No RESEND_API_KEY here: emails go to the local mailbox, which reports no deliveries, opens or clicks.
    expect(overview.deliveryReported).toBe(false);
    const counts = (figures: { key: string; count: number }[]) => Object.fromEntries(figures.map((f) => [f.key, f.count]));
    expect(counts(overview.figures)).toEqual({ drafted: 4, awaitingReview: 1, sent: 3, delivered: 2, opened: 2, clicked: 1, bounced: 1 });
    expect(overview.figures.find((f) => f.key === "bounced")?.rate).toBeCloseTo(1 / 3);
    expect(overview.byTier.map((r) => [r.id, counts(r.figures).drafted, counts(r.figures).sent])).toEqual([
      ["at_risk", 2, 1],
      ["lapsed", 2, 2],
    ]);
    expect(overview.byStylist.map((r) => [r.label, counts(r.figures).opened])).toEqual([
      ["Ava", 1],
      ["Ben", 1],
    ]);
    expect(overview.activity).toEqual([
      { week: "2026-06-08", opened: 1, clicked: 0 },
      { week: "2026-06-15", opened: 1, clicked: 1 },
    ]);
    expect(overview.suppressed).toBe(1);
    expect(overview.winBacks).toEqual({ emailed: { clients: 1, wonBack: 1 }, heldOut: { clients: 1, wonBack: 0 }, shares: 1 });
    expect(overview.uplift).toMatchObject({ status: "insufficient", emailed: { clients: 1, wonBack: 1 }, heldOut: { clients: 1, wonBack: 0 } });
    expect(overview.uplift?.reading).toMatch(/^Not enough data yet/);

    // Ava sees her own clients' emails only, and no account-wide analytics.
    const own = await getEmailOverview(ava, RANGE);
    expect(counts(own.figures)).toMatchObject({ drafted: 2, awaitingReview: 1, opened: 1 });
    expect(own.byStylist.map((r) => r.label)).toEqual(["Ava"]);
    expect(own.suppressed).toBeNull();
    expect(own.uplift).toBeNull();
  });
});

describe("the overview's email aggregates, kept as emails change", () => {
  it("follow a state change, an open, a reassignment and a deletion, and match a rebuild from the emails", async () => {
    const ava = await userContext("stylist", "Ava");
    const ben = await userContext("stylist", "Ben");
    const admin = await userContext("admin");
    const a1 = await clientOf(ava.actor.id);
    const a2 = await clientOf(ava.actor.id);
    const draft = await email(a1.id, "draft", "at_risk");
    const sent = await email(a2.id, "sent", "lapsed", { sentAt: IN_RANGE });
    const counts = async (ctx: Awaited<ReturnType<typeof userContext>>) => {
      const overview = await getEmailOverview(ctx, RANGE);
      return { ...Object.fromEntries(overview.figures.map((f) => [f.key, f.count])), activity: overview.activity };
    };
    expect(await counts(ava)).toMatchObject({ drafted: 2, awaitingReview: 1, sent: 1, opened: 0 });

    // Approved, then opened: the funnel moves on, and the open shows in the week it arrived.
    await db.update(winBackEmails).set({ state: "approved" }).where(eq(winBackEmails.id, draft.id));
    await db.update(winBackEmails).set({ state: "opened" }).where(eq(winBackEmails.id, sent.id));
    await db.insert(emailEvents).values({ deliveryId: "agg-1", emailId: sent.id, type: "opened", payload: {}, receivedAt: IN_RANGE });
    expect(await counts(ava)).toMatchObject({ drafted: 2, awaitingReview: 0, sent: 1, opened: 1, activity: [{ week: "2026-06-08", opened: 1, clicked: 0 }] });

    // a2 moves to Ben: their email and its open go with them.
    await reassignClients({ ctx: admin, input: { to: ben.actor.id, scope: "selected", clientIds: [a2.id] } });
    expect(await counts(ava)).toMatchObject({ drafted: 1, sent: 0, opened: 0, activity: [] });
    expect(await counts(ben)).toMatchObject({ drafted: 1, sent: 1, opened: 1, activity: [{ week: "2026-06-08", opened: 1, clicked: 0 }] });
    expect(await counts(admin)).toMatchObject({ drafted: 2, sent: 1, opened: 1 });

    await db.delete(winBackEmails).where(eq(winBackEmails.id, draft.id));
    const kept = await counts(admin);
    expect(kept).toMatchObject({ drafted: 1, awaitingReview: 0 });
    // The nightly rebuild from the emails themselves gives the same.
    await db.execute(sql`select rebuild_email_stats()`);
    expect(await counts(admin)).toEqual(kept);
    expect(await counts(ben)).toMatchObject({ drafted: 1, opened: 1 });
  });
});

describe("win-backs, kept on each assignment", () => {
  it("open both groups' windows at the assignment, follow orders placed, cancelled, moved and reassigned, and match a count from the orders", async () => {
    const ava = await userContext("stylist", "Ava");
    const ben = await userContext("stylist", "Ben");
    const admin = await userContext("admin");
    const emailed = await clientOf(ava.actor.id);
    const held = await clientOf(ava.actor.id);
    const draft = await email(emailed.id, "approved", "at_risk");
    await db.insert(outreachAssignments).values([
      { clientId: emailed.id, tier: "at_risk", group: "emailed", holdoutShare: 0.1, emailId: draft.id, enteredAt: IN_RANGE, assignedAt: IN_RANGE },
      { clientId: held.id, tier: "at_risk", group: "holdout", holdoutShare: 0.1, enteredAt: IN_RANGE, assignedAt: IN_RANGE },
    ]);
    const order = (clientId: string, externalId: string, orderedAt: string) =>
      db.insert(orders).values({ clientId, source: "test", externalId, orderedAt: new Date(orderedAt), itemsShipped: 3, itemsKept: 1, valueCents: 5_000, status: "shipped" }).returning();
    const results = async (ctx: Awaited<ReturnType<typeof userContext>>) => {
      const { emailed, heldOut } = (await getEmailOverview(ctx, RANGE)).winBacks;
      return { emailed: emailed.wonBack, heldOut: heldOut.wonBack };
    };

    // An order before the assignment is no win-back; one after it is, for the emailed group too, though the email
    // has not gone out (intent to treat: the group is what was decided, not what was delivered).
    await order(emailed.id, "before", "2026-06-09T00:00:00Z");
    expect(await results(admin)).toEqual({ emailed: 0, heldOut: 0 });
    await order(emailed.id, "after", "2026-06-11T00:00:00Z");
    const [heldOrder] = await order(held.id, "held", "2026-06-20T00:00:00Z");
    expect(await results(admin)).toEqual({ emailed: 1, heldOut: 1 });
    // Sending the email later changes nothing: the window opened at the assignment.
    await db.update(winBackEmails).set({ state: "sent", sentAt: new Date("2026-06-12T00:00:00Z") }).where(eq(winBackEmails.id, draft.id));
    expect(await results(admin)).toEqual({ emailed: 1, heldOut: 1 });

    // The held-out client's order is cancelled: no longer a win-back.
    if (!heldOrder) throw new Error("no order");
    await db.update(orders).set({ status: "cancelled" }).where(eq(orders.id, heldOrder.id));
    expect(await results(admin)).toEqual({ emailed: 1, heldOut: 0 });

    // The held-out client's order moves to another client (an upsert under the same external id): no longer theirs.
    await db.update(orders).set({ status: "shipped" }).where(eq(orders.id, heldOrder.id));
    expect(await results(admin)).toEqual({ emailed: 1, heldOut: 1 });
    const other = await clientOf(ava.actor.id);
    await db.update(orders).set({ clientId: other.id }).where(eq(orders.id, heldOrder.id));
    expect(await results(admin)).toEqual({ emailed: 1, heldOut: 0 });

    // The emailed client moves to Ben, and their win-back with them.
    await reassignClients({ ctx: admin, input: { to: ben.actor.id, scope: "selected", clientIds: [emailed.id] } });
    expect(await results(ava)).toEqual({ emailed: 0, heldOut: 0 });
    expect(await results(ben)).toEqual({ emailed: 1, heldOut: 0 });

    // The same answer straight from the assignments and the orders.
    const [direct] = await db.execute<{ emailed: number; held: number }>(sql`
      select count(*) filter (where a."group" = 'emailed' and won)::int as emailed, count(*) filter (where a."group" = 'holdout' and won)::int as held
      from outreach_assignments a, lateral (select exists (select 1 from orders o where o.client_id = a.client_id and o.status <> 'cancelled'
          and o.ordered_at >= a.assigned_at and o.ordered_at < a.assigned_at + interval '30 days') as won) w`);
    expect(direct).toEqual({ emailed: 1, held: 0 });
  });
});

describe("each client measured once", () => {
  it("by their first assignment ever, whatever order the assignments are written or removed in, and never changed after", async () => {
    const stylist = await userContext("stylist");
    const marketer = await userContext("marketer");
    const client = await clientOf(stylist.actor.id);
    const at = (day: string) => new Date(`${day}T10:00:00Z`);
    const enter = (day: string, group: "emailed" | "holdout") =>
      db.insert(outreachAssignments).values({ clientId: client.id, tier: "at_risk", group, holdoutShare: 0.1, enteredAt: at(day), assignedAt: at(day) }).returning();
    // Written out of date order; the order on 8 July falls in the windows of 12 and 20 June only.
    await enter("2026-06-20", "emailed");
    const [first] = await enter("2026-06-05", "holdout");
    await enter("2026-06-12", "emailed");
    await db.insert(orders).values({ clientId: client.id, source: "test", externalId: "o-late", orderedAt: at("2026-07-08"), itemsShipped: 3, itemsKept: 1, valueCents: 5_000, status: "shipped" });
    const previous = async () =>
      (await db.select({ at: outreachAssignments.assignedAt, previous: outreachAssignments.previousAssignedAt }).from(outreachAssignments).orderBy(outreachAssignments.assignedAt)).map((r) => [r.at, r.previous]);
    expect(await previous()).toEqual([
      [at("2026-06-05"), null],
      [at("2026-06-12"), at("2026-06-05")],
      [at("2026-06-20"), at("2026-06-12")],
    ]);
    const uplift = async (from: string) => (await getEmailOverview(marketer, { from, to: "2026-06-30" }, at("2026-09-01"))).uplift;
    // Held out first, on 5 June, and not won back then: the later emailed entries, won back, are re-entries, not measured.
    expect(await uplift("2026-06-01")).toMatchObject({ emailed: { clients: 0, wonBack: 0 }, heldOut: { clients: 1, wonBack: 0 } });
    expect(await uplift("2026-06-10")).toMatchObject({ emailed: { clients: 0 }, heldOut: { clients: 0 } });
    // 5 June's assignment removed: 12 June's is now the first, and won back.
    if (!first) throw new Error("no assignment");
    await db.delete(outreachAssignments).where(eq(outreachAssignments.id, first.id));
    expect(await previous()).toEqual([
      [at("2026-06-12"), null],
      [at("2026-06-20"), at("2026-06-12")],
    ]);
    expect(await uplift("2026-06-10")).toMatchObject({ emailed: { clients: 1, wonBack: 1 }, heldOut: { clients: 0 } });
    // An assignment's client, group, date, share and demo mark are a record of the decision: changing one is refused, not left stale;
    // its email may still be set, and an update that changes none of them passes.
    const refused = { cause: { message: expect.stringContaining("records a decision") } };
    const other = await clientOf(stylist.actor.id);
    const of = eq(outreachAssignments.clientId, client.id);
    await expect(db.update(outreachAssignments).set({ assignedAt: at("2026-06-01") }).where(of)).rejects.toMatchObject(refused);
    await expect(db.update(outreachAssignments).set({ clientId: other.id }).where(of)).rejects.toMatchObject(refused);
    await expect(db.update(outreachAssignments).set({ group: "holdout" }).where(of)).rejects.toMatchObject(refused);
    await expect(db.update(outreachAssignments).set({ holdoutShare: 0.5 }).where(of)).rejects.toMatchObject(refused);
    await expect(db.update(outreachAssignments).set({ demo: true }).where(of)).rejects.toMatchObject(refused);
    await db.update(outreachAssignments).set({ group: "emailed", emailId: null }).where(of);
    expect(await previous()).toEqual([
      [at("2026-06-12"), null],
      [at("2026-06-20"), at("2026-06-12")],
    ]);
  });
});

describe("the holdout uplift", () => {
  it("compares only clients whose window has closed, each client once, whether or not their email went out", async () => {
    const stylist = await userContext("stylist");
    const marketer = await userContext("marketer");
    const at = (day: string) => new Date(`${day}T10:00:00Z`);
    const assign = (clientId: string, group: "emailed" | "holdout", day: string) =>
      db.insert(outreachAssignments).values({ clientId, tier: "at_risk", group, holdoutShare: 0.1, enteredAt: at(day), assignedAt: at(day) });
    const order = (clientId: string, day: string) =>
      db.insert(orders).values({ clientId, source: "test", externalId: `o-${clientId}-${day}`, orderedAt: at(day), itemsShipped: 3, itemsKept: 1, valueCents: 5_000, status: "shipped" });
    // Emailed clients whose drafts were never sent (discarded, or waiting in review), one of them entering win-back
    // twice and ordering; held-out clients, one ordering; and a late entry whose window is still open.
    const twice = await clientOf(stylist.actor.id);
    const quiet = await clientOf(stylist.actor.id);
    const heldWon = await clientOf(stylist.actor.id);
    const heldQuiet = await clientOf(stylist.actor.id);
    const late = await clientOf(stylist.actor.id);
    await assign(twice.id, "emailed", "2026-06-01");
    await assign(twice.id, "emailed", "2026-06-03");
    await assign(quiet.id, "emailed", "2026-06-02");
    await assign(heldWon.id, "holdout", "2026-06-02");
    await assign(heldQuiet.id, "holdout", "2026-06-02");
    await assign(late.id, "emailed", "2026-06-25");
    await order(twice.id, "2026-06-05");
    await order(heldWon.id, "2026-06-10");
    await order(late.id, "2026-06-26");

    // On 5 July, windows opened up to 4 June have closed; the late entry's has not.
    const overview = await getEmailOverview(marketer, RANGE, new Date("2026-07-05T12:00:00Z"));
    // So far: every client first assigned in the range, open windows included.
    expect(overview.winBacks).toEqual({ emailed: { clients: 3, wonBack: 2 }, heldOut: { clients: 2, wonBack: 1 }, shares: 1 });
    expect(overview.upliftRange).toEqual({ from: "2026-06-01", to: "2026-06-04" });
    expect(overview.stillOpen).toBe(1);
    expect(overview.uplift).toMatchObject({ emailed: { clients: 2, wonBack: 1 }, heldOut: { clients: 2, wonBack: 1 } });

    // Before any window has closed, the uplift compares nobody.
    const early = await getEmailOverview(marketer, RANGE, new Date("2026-07-01T12:00:00Z"));
    expect(early.upliftRange).toBeNull();
    expect(early.stillOpen).toBe(5);
    expect(early.uplift).toMatchObject({ status: "insufficient", emailed: { clients: 0 }, heldOut: { clients: 0 } });
  });
});

describe("the holdout uplift under a changed holdout share", () => {
  it("compares the groups within each share, so a share raised in a month when fewer clients reorder does not pass for an effect", async () => {
    const marketer = await userContext("marketer");
    // Emails that change nothing: 20% of clients reorder in early March whatever their group (share 0.1), 5% in late
    // March (share 0.5). Pooled, the holdout is mostly late March's clients and the emails seem to add 7 points.
    const cohort = async (day: string, share: number, group: "emailed" | "holdout", clients: number, ordering: number) =>
      db.execute(sql`
        with made as (
          insert into clients (name, email) select 'Client ' || ${group} || ${day} || '-' || n, ${group} || ${day} || '-' || n || '@example.com' from generate_series(1, ${clients}) n
          returning id),
        assigned as (
          insert into outreach_assignments (client_id, tier, "group", holdout_share, entered_at, assigned_at)
          select id, 'at_risk', ${group}, ${share}, ${day}::timestamptz, ${day}::timestamptz from made returning client_id)
        insert into orders (client_id, source, external_id, ordered_at, items_shipped, items_kept, value_cents, status)
        select id, 'test', 'o-' || id, ${day}::timestamptz + interval '3 days', 3, 1, 5000, 'shipped' from (select id from made order by id limit ${ordering}) ordering`);
    await cohort("2026-03-03T10:00:00Z", 0.1, "emailed", 270, 54);
    await cohort("2026-03-03T10:00:00Z", 0.1, "holdout", 30, 6);
    await cohort("2026-03-20T10:00:00Z", 0.5, "emailed", 160, 8);
    await cohort("2026-03-20T10:00:00Z", 0.5, "holdout", 160, 8);

    const overview = await getEmailOverview(marketer, { from: "2026-03-01", to: "2026-03-31" }, new Date("2026-05-15T12:00:00Z"));
    expect(overview.winBacks).toEqual({ emailed: { clients: 430, wonBack: 62 }, heldOut: { clients: 190, wonBack: 14 }, shares: 2 });
    const uplift = overview.uplift;
    if (uplift?.status !== "estimated") throw new Error(`no estimate: ${uplift?.reading}`);
    expect(uplift).toMatchObject({ shares: 2, emailedRate: 62 / 430, significant: false });
    expect(uplift.difference).toBeCloseTo(0, 12);
    expect(uplift.reading).toMatch(/^Emails made no measurable difference to the 30-day reorder rate \(95% CI .* holdout shares used in the range\)\.$/);
  });
});

// Last: it ends the database connection the file's tests share.
describe("whether the overview's delivery figures are reported", () => {
  it("says they are once emails go through Resend, whose webhooks report them", async () => {
    vi.resetModules();
    process.env.RESEND_API_KEY = "re_test_key";
    try {
      const { getEmailOverview: withResend } = await import("./email-overview");
      const { db: itsDb } = await import("@/lib/server/db/client");
      try {
        expect((await withResend(await userContext("marketer"), RANGE)).deliveryReported).toBe(true);
      } finally {
        await itsDb.$client.end();
      }
    } finally {
      delete process.env.RESEND_API_KEY;
      vi.resetModules();
    }
  });
});
