import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { emailEvents, emailSuppressions, orders, outreachAssignments, winBackEmails } from "@/lib/server/db/schema";
import type { EmailState } from "@/lib/domain/email/lifecycle";
import { createClient } from "@/lib/server/services/clients/create-client";
import { insertEmail } from "@/test/email-fixtures";
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

const email = (clientId: string, state: EmailState, tier: "at_risk" | "lapsed", extra: Partial<typeof winBackEmails.$inferInsert> = {}) =>
  insertEmail(clientId, state, tier, { createdAt: IN_RANGE, ...extra });

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
      { clientId: a2.id, tier: "at_risk", group: "emailed", emailId: opened.id, enteredAt: IN_RANGE, assignedAt: IN_RANGE },
      { clientId: b1.id, tier: "lapsed", group: "holdout", enteredAt: IN_RANGE, assignedAt: IN_RANGE },
    ]);
    await db.insert(orders).values({ clientId: a2.id, source: "test", externalId: "o-1", orderedAt: new Date("2026-06-15T00:00:00Z"), itemsShipped: 3, itemsKept: 1, valueCents: 5_000, status: "shipped" });

    const marketer = await userContext("marketer");
    const overview = await getEmailOverview(marketer, RANGE);
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
    expect(overview.winBacks).toEqual({ emailed: 1, heldOut: 0 });
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
