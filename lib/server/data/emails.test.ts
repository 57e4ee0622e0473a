import { describe, expect, it } from "vitest";
import { queueFiltersSchema } from "@/lib/domain/email/queue-filters";
import { db } from "@/lib/server/db/client";
import { eq } from "drizzle-orm";
import { clients, orders, winBackEmails } from "@/lib/server/db/schema";
import { insertEmail } from "@/test/email-fixtures";
import { userContext } from "@/test/fixtures";
import { NotFoundError } from "@/lib/server/errors";
import { editEmail } from "@/lib/server/services/emails/edit-email";
import { logContact } from "@/lib/server/services/today/log-contact";
import { countEmails, getEmailOrThrow, inFlightEmailFor, listEmails } from "./emails";

describe("the review queue's pages", () => {
  it("walks every email once, newest first, page after page, ties in draft time included", async () => {
    const marketer = await userContext("marketer");
    const made = await db
      .insert(clients)
      .values(Array.from({ length: 7 }, (_, i) => ({ name: `Paged ${i}`, email: `paged${i}@example.com` })))
      .returning({ id: clients.id });
    // Three drafted at the very same moment, as one outreach step drafts many.
    const times = ["2026-12-01T10:00:00Z", "2026-12-02T10:00:00Z", "2026-12-03T10:00:00Z", "2026-12-03T10:00:00Z", "2026-12-03T10:00:00Z", "2026-12-04T10:00:00Z", "2026-12-05T10:00:00Z"];
    const ids = [];
    for (const [i, client] of made.entries()) ids.push((await insertEmail(client.id, "draft", "at_risk", { createdAt: new Date(times[i] ?? "") })).id);

    const filters = queueFiltersSchema.parse({ status: "all" });
    const seen: string[] = [];
    for (let before: string | undefined, page = 0; page < 10; page++) {
      const rows = await listEmails(marketer, { ...filters, before }, 3);
      seen.push(...rows.map((r) => r.id));
      if (rows.length < 3) break;
      before = rows.at(-1)?.id;
    }
    expect(seen).toHaveLength(7);
    expect(new Set(seen)).toEqual(new Set(ids));
    const created = await listEmails(marketer, filters, 10);
    expect(seen).toEqual(created.map((r) => r.id));
    expect(created.map((r) => r.createdAt.getTime())).toEqual([...created.map((r) => r.createdAt.getTime())].sort((a, b) => b - a));
    // A page start the actor cannot see (gone, or another stylist's client's) is ignored: the newest page.
    const newest = (await listEmails(marketer, filters, 3)).map((r) => r.id);
    expect((await listEmails(marketer, { ...filters, before: "00000000-0000-4000-8000-000000000000" }, 3)).map((r) => r.id)).toEqual(newest);
    const stylist = await userContext("stylist");
    expect(await listEmails(stylist, { ...filters, before: created[1]?.id }, 3)).toEqual([]);
    // The count is of every email the filters match, whatever the page.
    expect(await countEmails(marketer, { ...filters, before: created[2]?.id })).toBe(7);
  });
});

describe("an email's page", () => {
  it("tells a person's edits of its words in its history, with who made them, and only for those who may see it", async () => {
    const marketer = await userContext("marketer");
    const [client] = await db.insert(clients).values({ name: "Edited Client", email: "edited@example.com" }).returning();
    if (!client) throw new Error("no client");
    const email = await insertEmail(client.id, "draft", "at_risk", { subject: "Hello again", body: "We picked four pieces for you.", callToAction: "Book" });
    await editEmail({ ctx: marketer, input: { emailId: email.id, subject: "A new subject", body: email.body, callToAction: email.callToAction, preheader: email.preheader } });
    const { history } = await getEmailOrThrow(marketer, email.id);
    expect(history.map((h) => [h.title, h.detail, h.actorLabel.startsWith(marketer.actor.type === "user" ? marketer.actor.name : "")])).toContainEqual(["Edited", "Changed the subject.", true]);
    await expect(getEmailOrThrow(await userContext("stylist"), email.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("tells the reviewer of contact a stylist logged after the email was drafted, in the queue and on its page", async () => {
    const marketer = await userContext("marketer");
    const stylist = await userContext("stylist");
    const stylistName = stylist.actor.type === "user" ? stylist.actor.name : "";
    const made = await db
      .insert(clients)
      .values([
        { name: "Called After", email: "called-after@example.com", stylistId: stylist.actor.type === "user" ? stylist.actor.id : null },
        { name: "Called Before", email: "called-before@example.com", stylistId: stylist.actor.type === "user" ? stylist.actor.id : null },
      ])
      .returning({ id: clients.id });
    const [after, before] = made.map((c) => c.id);
    if (!after || !before) throw new Error("no clients");
    const drafted = new Date("2026-12-03T10:00:00Z");
    const afterEmail = await insertEmail(after, "draft", "at_risk", { createdAt: drafted });
    const beforeEmail = await insertEmail(before, "draft", "at_risk", { createdAt: drafted });
    await logContact({ ctx: stylist, input: { clientId: before, channel: "text" }, now: new Date("2026-12-02T10:00:00Z") });
    await logContact({ ctx: stylist, input: { clientId: after, channel: "text", note: "Said she is away" }, now: new Date("2026-12-04T09:00:00Z") });
    await logContact({ ctx: stylist, input: { clientId: after, channel: "phone", note: "Booked a fix for January" }, now: new Date("2026-12-05T09:00:00Z") });

    const rows = await listEmails(marketer, queueFiltersSchema.parse({ status: "all" }), 10);
    expect(rows.find((r) => r.id === afterEmail.id)?.contactedSince).toEqual(new Date("2026-12-05T09:00:00Z"));
    expect(rows.find((r) => r.id === beforeEmail.id)?.contactedSince).toBeNull();
    expect((await getEmailOrThrow(marketer, afterEmail.id)).contactSince).toEqual({ at: new Date("2026-12-05T09:00:00Z"), channel: "phone", note: "Booked a fix for January", by: stylistName });
    expect((await getEmailOrThrow(marketer, beforeEmail.id)).contactSince).toBeNull();

    // Once approved, only contact logged after the approval is news: the approver saw what came before.
    await db.update(winBackEmails).set({ state: "scheduled", approvedAt: new Date("2026-12-04T12:00:00Z") }).where(eq(winBackEmails.id, afterEmail.id));
    expect((await listEmails(marketer, queueFiltersSchema.parse({ status: "all" }), 10)).find((r) => r.id === afterEmail.id)?.contactedSince).toEqual(new Date("2026-12-05T09:00:00Z"));
    await db.update(winBackEmails).set({ approvedAt: new Date("2026-12-06T12:00:00Z") }).where(eq(winBackEmails.id, afterEmail.id));
    expect((await listEmails(marketer, queueFiltersSchema.parse({ status: "all" }), 10)).find((r) => r.id === afterEmail.id)?.contactedSince).toBeNull();
    expect((await getEmailOrThrow(marketer, afterEmail.id)).contactSince).toBeNull();
  });

  it("tells the reviewer that the client ordered after the email was written, which it will therefore never send", async () => {
    const marketer = await userContext("marketer");
    const [client] = await db.insert(clients).values({ name: "Came Back", email: "came-back@example.com" }).returning({ id: clients.id });
    if (!client) throw new Error("no client");
    const email = await insertEmail(client.id, "scheduled", "lapsed", { createdAt: new Date("2026-12-03T10:00:00Z") });
    const order = (externalId: string, orderedAt: string, status: "shipped" | "cancelled" = "shipped") => ({
      clientId: client.id, source: "manual", externalId, orderedAt: new Date(orderedAt), itemsShipped: 5, itemsKept: 2, valueCents: 9_000, currency: "USD", status,
    });
    // An order before the email, and one after it that was cancelled: neither stops it.
    await db.insert(orders).values([order("before", "2026-11-20T10:00:00Z"), order("cancelled", "2026-12-04T10:00:00Z", "cancelled")]);
    const shown = async () => ({
      queue: (await listEmails(marketer, queueFiltersSchema.parse({ status: "all" }), 10)).find((r) => r.id === email.id)?.orderedSince,
      page: (await getEmailOrThrow(marketer, email.id)).orderedSince,
      client: (await inFlightEmailFor(marketer, client.id))?.orderedSince,
    });
    expect(await shown()).toEqual({ queue: null, page: null, client: null });
    await db.insert(orders).values(order("after", "2026-12-05T10:00:00Z"));
    const at = new Date("2026-12-05T10:00:00Z");
    expect(await shown()).toEqual({ queue: at, page: at, client: at });
  });
});

