import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { SystemActor } from "@/lib/domain/access/policy";
import { countedClientsHref, DASHBOARD_TIERS, parseDashboardRange, weekDaysInRange } from "@/lib/domain/analytics/tier-summary";
import { clientListHref, parseClientListQuery } from "@/lib/domain/clients/list-query";
import type { EmailState } from "@/lib/domain/email/lifecycle";
import { emailsHref, queueFiltersSchema } from "@/lib/domain/email/queue-filters";
import type { ServiceContext } from "@/lib/server/context";
import { db } from "@/lib/server/db/client";
import { clients, emailEvents, orders, outreachAssignments, winBackEmails } from "@/lib/server/db/schema";
import { createClient } from "@/lib/server/services/clients/create-client";
import { scoreWithLatestModel } from "@/lib/server/engagement/score-clients";
import { runFullRescore } from "@/lib/server/services/engagement/run-full-rescore";
import { insertDemoClients, queueRun } from "@/test/engagement-fixtures";
import { insertEmail } from "@/test/email-fixtures";
import { clientInput, userContext } from "@/test/fixtures";
import { countClients, listClientsForExport } from "./clients";
import { getOverview, latestRevenueAtRisk } from "./dashboard";
import { getEmailOverview } from "./email-overview";
import { type EmailWeek, getEmailWeeks } from "./email-weeks";
import { countEmails, listEmails } from "./emails";

// Every number on the overview links to a list; these follow each link as the page builds it (the same href helpers,
// parsed back by the list's own URL parser) and check the list holds as many rows as the number says.

const SYSTEM: SystemActor = { type: "system", name: "test" };

async function fullRun(asOf: Date) {
  const run = await queueRun(asOf);
  expect((await runFullRescore({ ctx: { actor: SYSTEM, db }, input: { runId: run.id, chunkSize: 7 } })).status).toBe("succeeded");
}

/** The clients a /clients link lists, and the count its header shows: they must agree. */
async function clientsBehind(ctx: ServiceContext, href: string): Promise<number> {
  const query = parseClientListQuery(new URL(href, "http://x").searchParams);
  const { rows } = await listClientsForExport(ctx, query);
  expect((await countClients(ctx, query)).value).toBe(rows.length);
  return rows.length;
}

/** The emails an /emails link lists, and the count the page shows. */
async function emailsBehind(ctx: ServiceContext, href: string): Promise<number> {
  const url = new URL(href, "http://x");
  const filters = queueFiltersSchema.parse(Object.fromEntries(url.searchParams));
  const rows = await listEmails(ctx, filters);
  expect(await countEmails(ctx, filters)).toBe(rows.length);
  return rows.length;
}

describe("the overview's links lead to exactly the rows they count", () => {
  it("tier counts, score bands and every point of the tiers over time, at a past day too, for everyone and for one stylist", async () => {
    const FIRST = new Date("2026-06-01T03:00:00Z");
    const SECOND = new Date("2026-06-08T03:00:00Z");
    const ann = await userContext("stylist");
    const bob = await userContext("stylist");
    const ids = await insertDemoClients(23, FIRST, ann.actor.id);
    await db.update(clients).set({ stylistId: bob.actor.id }).where(inArray(clients.id, ids.slice(14)));
    await fullRun(FIRST);
    await fullRun(SECOND);
    const marketer = await userContext("marketer");

    for (const ctx of [marketer, ann]) {
      // Links as the page builds them: the latest day's to the live list, earlier days' to that day's run (asOf).
      const latestDay = (await latestRevenueAtRisk(ctx))?.day ?? null;
      expect(latestDay).toBe("2026-06-08");
      const overview = await getOverview(ctx, { from: "2026-05-01", to: "2026-06-30" });
      expect(overview.series).toHaveLength(2);
      // Some tier moved between the runs, so the past day's lists cannot pass by reading the live tiers.
      for (const point of overview.series) {
        for (const tier of DASHBOARD_TIERS) {
          expect(await clientsBehind(ctx, countedClientsHref(point.day, latestDay, { tier, sort: "score", dir: "asc" })), `${tier} on ${point.day}`).toBe(point[tier]);
        }
      }
      // The headline cards and score bands as of the range's end, and as of a range ending before the second run.
      for (const to of ["2026-06-30", "2026-06-05"]) {
        const { day, summary } = await getOverview(ctx, { from: "2026-05-01", to });
        if (!day || !summary) throw new Error("no overview");
        expect(await clientsBehind(ctx, countedClientsHref(day, latestDay, { tier: "healthy,watch,at_risk" }))).toBe(summary.active);
        expect(await clientsBehind(ctx, countedClientsHref(day, latestDay, { tier: DASHBOARD_TIERS.join(","), sort: "score" }))).toBe(summary.clients);
        for (const [i, n] of summary.scoreBands.entries()) {
          expect(await clientsBehind(ctx, countedClientsHref(day, latestDay, { tier: DASHBOARD_TIERS.join(","), scoreMin: String(i * 10), scoreMax: String(i === 9 ? 100 : i * 10 + 9), sort: "score" }))).toBe(n);
        }
      }
    }
    const first = await getOverview(marketer, { from: "2026-05-01", to: "2026-06-30" });
    expect(DASHBOARD_TIERS.some((tier) => first.series[0]?.[tier] !== first.series[1]?.[tier])).toBe(true);
  });

  it("after a single rescoring moves the counts onto today, today's links open the live tiers and the run's day its snapshots", async () => {
    const now = new Date();
    const lastRun = new Date(now.getTime() - 3 * 86_400_000);
    const ids = await insertDemoClients(24, lastRun, null);
    await fullRun(lastRun);
    const { tierChanges } = await db.transaction((tx) => scoreWithLatestModel(tx, { ids: ids.slice(0, 6) }, new Date(now.getTime() + 365 * 86_400_000)));
    expect(tierChanges).toBeGreaterThan(0);
    const admin = await userContext("admin");
    const latestDay = (await latestRevenueAtRisk(admin))?.day ?? null;
    expect(latestDay).toBe(now.toISOString().slice(0, 10));
    const overview = await getOverview(admin, parseDashboardRange({}, now));
    expect(overview.series.map((p) => p.day)).toEqual([lastRun.toISOString().slice(0, 10), latestDay]);
    for (const point of overview.series) {
      for (const tier of DASHBOARD_TIERS) {
        expect(await clientsBehind(admin, countedClientsHref(point.day, latestDay, { tier })), `${tier} on ${point.day}`).toBe(point[tier]);
      }
    }
  });

  it("email figures by state, tier and stylist, bounces, complaints, win-backs and the uplift's groups, in the chosen range only", async () => {
    const RANGE = { from: "2026-06-01", to: "2026-06-30" };
    const IN_RANGE = new Date("2026-06-10T10:00:00Z");
    const AFTER_WINDOWS = new Date("2026-09-01T00:00:00Z");
    const admin = await userContext("admin");
    const ava = await userContext("stylist", "Ava");
    const clientOf = async (stylistId: string | null) => {
      const client = await createClient({ ctx: admin, input: clientInput({ stylistId: stylistId ?? undefined }) });
      if (!client) throw new Error("no client");
      return client.id;
    };
    const email = (clientId: string, state: EmailState, tier: "at_risk" | "lapsed" | null, extra: Partial<typeof winBackEmails.$inferInsert> = {}) =>
      insertEmail(clientId, state, tier, { createdAt: IN_RANGE, ...extra });
    const a1 = await clientOf(ava.actor.id);
    const a2 = await clientOf(ava.actor.id);
    const nobody = await clientOf(null);
    await email(a1, "draft", "at_risk");
    const opened = await email(a2, "opened", "at_risk", { sentAt: IN_RANGE });
    await email(nobody, "clicked", "lapsed", { sentAt: IN_RANGE });
    await email(nobody, "bounced", null, { sentAt: IN_RANGE });
    await email(nobody, "complained", "lapsed", { sentAt: IN_RANGE });
    // Outside the range: the links must leave these out.
    await email(a2, "sent", "at_risk", { createdAt: new Date("2026-05-20T00:00:00Z"), sentAt: new Date("2026-05-20T00:00:00Z") });
    await email(nobody, "bounced", "lapsed", { createdAt: new Date("2026-07-01T00:00:00Z"), sentAt: new Date("2026-07-01T00:00:00Z") });
    // Win-backs: a2 emailed and ordered, and entered win-back again later in the range (a re-entry: not measured); a3
    // emailed but its email never went out (counted all the same: intent to treat); nobody held out and ordered; a
    // client first assigned in May, outside the range, who re-enters in it and orders (a re-entry: left out everywhere).
    const may = await clientOf(ava.actor.id);
    const a3 = await clientOf(ava.actor.id);
    const unsent = await email(a3, "approved", "at_risk");
    // Opens and clicks: a2's email opened in one week, the clicked one opened and clicked the next. (The weekly figures
    // count events, from email_activity_daily: an email opened twice in a week would count twice and list once.)
    const clicked = (await db.select().from(winBackEmails).where(eq(winBackEmails.state, "clicked")))[0];
    if (!clicked) throw new Error("no clicked email");
    await db.insert(emailEvents).values([
      { deliveryId: "d1", emailId: opened.id, type: "opened", payload: {}, receivedAt: new Date("2026-06-10T12:00:00Z") },
      { deliveryId: "d3", emailId: clicked.id, type: "opened", payload: {}, receivedAt: new Date("2026-06-16T12:00:00Z") },
      { deliveryId: "d4", emailId: clicked.id, type: "clicked", payload: {}, receivedAt: new Date("2026-06-16T12:05:00Z") },
    ]);
    await db.insert(outreachAssignments).values([
      { clientId: a2, tier: "at_risk", group: "emailed", holdoutShare: 0.1, emailId: opened.id, enteredAt: IN_RANGE, assignedAt: IN_RANGE },
      { clientId: a3, tier: "at_risk", group: "emailed", holdoutShare: 0.1, emailId: unsent.id, enteredAt: IN_RANGE, assignedAt: IN_RANGE },
      { clientId: nobody, tier: "lapsed", group: "holdout", holdoutShare: 0.1, enteredAt: IN_RANGE, assignedAt: IN_RANGE },
      { clientId: a2, tier: "at_risk", group: "emailed", holdoutShare: 0.1, enteredAt: new Date("2026-06-20T00:00:00Z"), assignedAt: new Date("2026-06-20T00:00:00Z") },
      { clientId: may, tier: "lapsed", group: "holdout", holdoutShare: 0.1, enteredAt: new Date("2026-05-02T00:00:00Z"), assignedAt: new Date("2026-05-02T00:00:00Z") },
      { clientId: may, tier: "at_risk", group: "emailed", holdoutShare: 0.1, enteredAt: new Date("2026-06-11T00:00:00Z"), assignedAt: new Date("2026-06-11T00:00:00Z") },
    ]);
    await db.insert(orders).values([
      { clientId: a2, source: "test", externalId: "o-1", orderedAt: new Date("2026-06-15T00:00:00Z"), itemsShipped: 3, itemsKept: 1, valueCents: 5_000, status: "shipped" },
      { clientId: nobody, source: "test", externalId: "o-2", orderedAt: new Date("2026-06-20T00:00:00Z"), itemsShipped: 3, itemsKept: 1, valueCents: 5_000, status: "shipped" },
      { clientId: may, source: "test", externalId: "o-3", orderedAt: new Date("2026-06-13T00:00:00Z"), itemsShipped: 3, itemsKept: 1, valueCents: 5_000, status: "shipped" },
    ]);

    const marketer = await userContext("marketer");
    for (const ctx of [marketer, ava]) {
      const overview = await getEmailOverview(ctx, RANGE, AFTER_WINDOWS);
      const inRange = { from: RANGE.from, to: RANGE.to };
      for (const f of overview.figures) expect(await emailsBehind(ctx, emailsHref({ status: f.status, ...inRange })), f.key).toBe(f.count);
      for (const row of overview.byTier) {
        for (const f of row.figures) expect(await emailsBehind(ctx, emailsHref({ status: f.status, tier: (row.id ?? "none") as "at_risk", ...inRange })), `${row.label} ${f.key}`).toBe(f.count);
      }
      for (const row of overview.byStylist) {
        for (const f of row.figures) expect(await emailsBehind(ctx, emailsHref({ status: f.status, stylist: row.id ?? "unassigned", ...inRange })), `${row.label} ${f.key}`).toBe(f.count);
      }
      expect(await emailsBehind(ctx, emailsHref({ status: "complained", ...inRange }))).toBe(overview.complained);
      const outreach = (group: "emailed" | "holdout", won: boolean) => clientsBehind(ctx, clientListHref({}, { outreach: group, won: won ? "1" : undefined, ...inRange }));
      expect(await outreach("emailed", true)).toBe(overview.winBacks.emailed.wonBack);
      expect(await outreach("holdout", true)).toBe(overview.winBacks.heldOut.wonBack);
      // The headline's group sizes open their clients too.
      expect(await outreach("emailed", false)).toBe(overview.winBacks.emailed.clients);
      expect(await outreach("holdout", false)).toBe(overview.winBacks.heldOut.clients);
      for (const w of overview.activity) {
        const days = weekDaysInRange(w.week, RANGE);
        for (const event of ["opened", "clicked"] as const) {
          expect(await emailsBehind(ctx, emailsHref({ status: "all", event, eventFrom: days.from, eventTo: days.to })), `${event} in week ${w.week}`).toBe(w[event]);
        }
      }
      // Each week of the chart, cut to the range: drafted emails and both groups' win-backs.
      const weeks = await getEmailWeeks(ctx, RANGE);
      // A week apart each, none left out for having nothing in it.
      for (const [i, w] of weeks.slice(1).entries()) expect(Date.parse(w.week) - Date.parse(weeks[i]?.week ?? "")).toBe(7 * 86_400_000);
      for (const w of weeks) {
        expect(await emailsBehind(ctx, emailsHref({ status: "all", from: w.from, to: w.to })), `drafted in week ${w.week}`).toBe(w.drafted);
        expect(await clientsBehind(ctx, clientListHref({}, { outreach: "emailed", won: "1", from: w.from, to: w.to }))).toBe(w.wonBack);
        expect(await clientsBehind(ctx, clientListHref({}, { outreach: "holdout", won: "1", from: w.from, to: w.to }))).toBe(w.heldOutWonBack);
      }
      expect(weeks.reduce((n, w) => n + w.drafted, 0)).toBe(overview.figures.find((f) => f.key === "drafted")?.count);
      expect(weeks.reduce((n, w) => n + w.wonBack, 0)).toBe(overview.winBacks.emailed.wonBack);
      if (overview.uplift && overview.upliftRange) {
        const measured = (group: "emailed" | "holdout", won: boolean) => clientsBehind(ctx, clientListHref({}, { outreach: group, won: won ? "1" : undefined, ...overview.upliftRange }));
        expect(await measured("emailed", false)).toBe(overview.uplift.emailed.clients);
        expect(await measured("holdout", false)).toBe(overview.uplift.heldOut.clients);
        expect(await measured("emailed", true)).toBe(overview.uplift.emailed.wonBack);
        expect(await measured("holdout", true)).toBe(overview.uplift.heldOut.wonBack);
      }
    }
    // The hand-made answers, so the agreement above is not two empty lists.
    const overview = await getEmailOverview(marketer, RANGE, AFTER_WINDOWS);
    expect(overview.figures.find((f) => f.key === "drafted")?.count).toBe(6);
    expect(overview.complained).toBe(1);
    expect(overview.activity).toEqual([
      { week: "2026-06-08", opened: 1, clicked: 0 },
      { week: "2026-06-15", opened: 1, clicked: 1 },
    ]);
    expect(overview.byTier.map((r) => r.id)).toContain(null);
    expect(overview.byStylist.map((r) => r.id)).toContain(null);
    expect(overview.winBacks).toEqual({ emailed: { clients: 2, wonBack: 1 }, heldOut: { clients: 1, wonBack: 1 }, shares: 1 });
    const row = (w: EmailWeek) => [w.week, w.from, w.to, w.drafted, w.wonBack, w.heldOutWonBack];
    expect((await getEmailWeeks(marketer, RANGE)).map(row)).toEqual([["2026-06-08", "2026-06-08", "2026-06-14", 6, 1, 1]]);
    // A range starting and ending mid-week cuts the week to its days, so the week's link lists only those.
    expect((await getEmailWeeks(marketer, { from: "2026-06-10", to: "2026-06-12" })).map(row)).toEqual([["2026-06-08", "2026-06-10", "2026-06-12", 6, 1, 1]]);
    // June's windows have all closed by September, so the uplift counts the whole range.
    expect(overview.upliftRange).toEqual(RANGE);
    expect(overview.stillOpen).toBe(0);
    expect(overview.uplift).toMatchObject({ emailed: { clients: 2, wonBack: 1 }, heldOut: { clients: 1, wonBack: 1 } });
  });
});
