import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { outreachAssignments, tierChanges } from "@/lib/server/db/schema";
import { approveEmail } from "@/lib/server/services/emails/approve-email";
import { draftEmail } from "@/lib/server/services/emails/draft-email";
import { clientWithFix, DAYTIME } from "@/test/email-fixtures";
import { createClient } from "@/lib/server/services/clients/create-client";
import { updateClient } from "@/lib/server/services/clients/update-client";
import { createOrder } from "@/lib/server/services/orders/create-order";
import { snoozeClient } from "@/lib/server/services/today/snooze-client";
import { clientInput, orderInput, userContext } from "@/test/fixtures";
import { getClientTimeline } from "./client-timeline";

describe("getClientTimeline", () => {
  it("lists the client's orders, tier changes and people's actions newest first, to those who may see the client", async () => {
    const stylist = await userContext("stylist", "Ann Lee");
    const client = await createClient({ ctx: stylist, input: clientInput() });
    await createOrder({ ctx: stylist, input: { ...orderInput({ orderedAt: "2026-01-10", valueCents: 12_000 }), clientId: client.id } });
    await db.insert(tierChanges).values({ clientId: client.id, fromTier: "watch", toTier: "at_risk", score: 33, changedAt: new Date("2026-05-01T00:00:00Z") });
    await updateClient({ ctx: stylist, input: { ...clientInput({ name: "Renamed Client" }), clientId: client.id } });
    await snoozeClient({ ctx: stylist, input: { clientId: client.id, days: 7, reason: "Spoke on the phone" } });

    const timeline = await getClientTimeline(stylist, client.id);
    const titles = timeline.map((e) => e.title);
    // The two actions just now, then the tier change of May, then January's order; the create is now too.
    expect(titles.slice(0, 3).sort()).toEqual(["Client created by Ann Lee", "Profile updated by Ann Lee", "Snoozed on Today by Ann Lee"]);
    expect(titles.slice(3)).toEqual(expect.arrayContaining(["Watch → At risk", "Order shipped"]));
    expect(titles.indexOf("Watch → At risk")).toBeLessThan(titles.indexOf("Order shipped"));
    expect(timeline.find((e) => e.title.startsWith("Snoozed"))?.detail).toBe("For 7 days: Spoke on the phone");
    expect(timeline.find((e) => e.title === "Order shipped")?.detail).toBe("5 shipped, 2 kept · $120.00");

    const other = await userContext("stylist");
    expect(await getClientTimeline(other, client.id)).toEqual([]);
  });

  it("tells the client's entries into win-back outreach and their email's moments, newest first", async () => {
    const stylist = await userContext("stylist", "Ann Lee");
    const client = await clientWithFix(stylist, stylist.actor.id);
    await db.insert(outreachAssignments).values({ clientId: client.id, tier: "at_risk", group: "emailed", holdoutShare: 0.1, enteredAt: new Date("2026-06-01T00:00:00Z"), assignedAt: new Date("2026-06-01T00:05:00Z") });
    const email = await draftEmail({ ctx: stylist, input: { clientId: client.id } });
    await approveEmail({ ctx: stylist, input: { emailId: email.id }, now: DAYTIME });

    const titles = (await getClientTimeline(stylist, client.id)).map((e) => e.title);
    // Approving also schedules it: a step the timeline leaves out.
    expect(titles.filter((t) => t.startsWith("Win-back email"))).toEqual(["Win-back email approved by Ann Lee", "Win-back email drafted by Ann Lee"]);
    expect(titles).toContain("Entered win-back outreach (At risk)");
    expect(await getClientTimeline(await userContext("stylist"), client.id)).toEqual([]);
  });
});
