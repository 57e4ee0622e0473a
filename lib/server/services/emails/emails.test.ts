import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { auditLog, clients, emailSuppressions, emailTransitions, localMailbox, winBackEmails } from "@/lib/server/db/schema";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { DAYTIME, clientWithFix } from "@/test/email-fixtures";
import { userContext } from "@/test/fixtures";
import { approveEmail, approveEmails, approveEmailsSchema } from "./approve-email";
import { discardEmail } from "./discard-email";
import { draftEmail } from "./draft-email";
import { editEmail, editEmailSchema } from "./edit-email";
import { sendWinBackEmail } from "./send-win-back-email";
import { unsubscribeLinkStatus } from "@/lib/server/data/unsubscribe-link";
import { unsubscribe } from "./unsubscribe";
import { unsubscribeUrls } from "@/lib/server/emails/compose-win-back";
import { updateEmailProfile } from "@/lib/server/services/users/update-email-profile";
import { loadWriterFacts } from "@/lib/server/emails/client-facts";

async function stylistWithClient(overrides: Record<string, unknown> = {}) {
  const stylist = await userContext("stylist");
  const client = await clientWithFix(stylist, stylist.actor.id, overrides);
  return { stylist, client };
}

describe("drafting", () => {
  it("writes an offline draft for the stylist's own client, with its transition and audit row", async () => {
    const { stylist, client } = await stylistWithClient();
    const email = await draftEmail({ ctx: stylist, input: { clientId: client.id } });
    expect(email).toMatchObject({ state: "draft", writer: "offline", clientId: client.id, toAddress: client.email });
    expect(email.writerNote).toMatch(/Written offline/);
    expect(email.body).toContain(client.name.split(" ")[0]);
    const transitions = await db.select().from(emailTransitions).where(eq(emailTransitions.emailId, email.id));
    expect(transitions).toMatchObject([{ fromState: null, toState: "draft", actorId: stylist.actor.id }]);
    expect(await db.$count(auditLog, and(eq(auditLog.action, "email.draft"), eq(auditLog.entityId, email.id)))).toBe(1);
  });

  it("refuses another stylist's client as not found", async () => {
    const { client } = await stylistWithClient();
    const other = await userContext("stylist");
    await expect(draftEmail({ ctx: other, input: { clientId: client.id } })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("keeps one email in flight per client, unless regenerating", async () => {
    const { stylist, client } = await stylistWithClient();
    const first = await draftEmail({ ctx: stylist, input: { clientId: client.id } });
    await expect(draftEmail({ ctx: stylist, input: { clientId: client.id } })).rejects.toBeInstanceOf(ConflictError);
    const second = await draftEmail({ ctx: stylist, input: { clientId: client.id, replace: true } });
    const [old] = await db.select().from(winBackEmails).where(eq(winBackEmails.id, first.id));
    expect(old?.state).toBe("discarded");
    expect(second.state).toBe("draft");
  });

  it("writes each redraft differently from the draft turned down before it, past the few the writer is shown, and on Regenerate", async () => {
    const { stylist, client } = await stylistWithClient();
    let previous = await draftEmail({ ctx: stylist, input: { clientId: client.id } });
    const subjectsTurnedDown: string[] = [];
    for (let turnedDown = 1; turnedDown <= 5; turnedDown++) {
      subjectsTurnedDown.unshift(previous.subject);
      // Every other one turned down by Regenerate (replacing the draft on its way), the others in review.
      const regenerate = turnedDown % 2 === 0;
      if (!regenerate) await discardEmail({ ctx: stylist, input: { emailId: previous.id, reason: `Not right, take ${turnedDown}` } });
      const next = await draftEmail({ ctx: stylist, input: { clientId: client.id, replace: regenerate } });
      // Not the one just turned down, nor (a Regenerate after a discard) the one before it.
      for (const subject of subjectsTurnedDown.slice(0, 3)) expect(next.subject, `after ${turnedDown} turned down`).not.toBe(subject);
      expect(next.body.split("\n\n")[0]).not.toBe(previous.body.split("\n\n")[0]);
      previous = next;
    }
    const { facts } = await loadWriterFacts(stylist, client.id);
    expect(facts.draftsTurnedDown).toBe(5);
    // The latest three, newest first: a Regenerate gives no reason.
    expect(facts.discardedDrafts.map((d) => d.reason)).toEqual(["Not right, take 5", null, "Not right, take 3"]);
  });

  it("does not count as turned down what the app discarded (an unsubscribe, a send found ineligible)", async () => {
    const { stylist, client } = await stylistWithClient();
    const first = await draftEmail({ ctx: stylist, input: { clientId: client.id } });
    await discardEmail({ ctx: stylist, input: { emailId: first.id, reason: "Too formal for her" } });
    const second = await draftEmail({ ctx: stylist, input: { clientId: client.id } });
    // The client unsubscribes (through the first email's link) while the second waits: it is discarded, by the app.
    const token = decodeURIComponent(unsubscribeUrls(first.id).oneClick.split("/").pop() ?? "");
    await unsubscribe({ ctx: { actor: { type: "system" as const, name: "unsubscribe" }, db }, input: { token } });
    expect((await db.select({ state: winBackEmails.state }).from(winBackEmails).where(eq(winBackEmails.id, second.id)))[0]?.state).toBe("discarded");
    const { facts } = await loadWriterFacts(stylist, client.id);
    expect(facts).toMatchObject({ draftsTurnedDown: 1, discardedDrafts: [{ subject: first.subject, reason: "Too formal for her" }] });
  });
});

describe("review", () => {
  it("approves into the client's daytime window, and an edit sends it back to draft", async () => {
    const { stylist, client } = await stylistWithClient({ timezone: "America/New_York" });
    const email = await draftEmail({ ctx: stylist, input: { clientId: client.id } });
    const night = new Date("2026-06-01T03:30:00Z"); // 23:30 in New York
    const scheduled = await approveEmail({ ctx: stylist, input: { emailId: email.id }, now: night });
    expect(scheduled.state).toBe("scheduled");
    expect(scheduled.scheduledFor?.toISOString()).toBe("2026-06-01T13:00:00.000Z");
    const edited = await editEmail({ ctx: stylist, input: { emailId: email.id, subject: "A note from me", preheader: "", body: "Hi there,\n\nI picked a few things.", callToAction: "Book" } });
    expect(edited).toMatchObject({ state: "draft", subject: "A note from me", scheduledFor: null });
    const states = await db.select({ to: emailTransitions.toState }).from(emailTransitions).where(eq(emailTransitions.emailId, email.id)).orderBy(emailTransitions.id);
    expect(states.map((s) => s.to)).toEqual(["draft", "approved", "scheduled", "draft"]);
  });

  it("saving an approved email unchanged leaves it scheduled, with no audit row, whatever the browser's line breaks", async () => {
    const { stylist, client } = await stylistWithClient({ timezone: "America/New_York" });
    const email = await draftEmail({ ctx: stylist, input: { clientId: client.id } });
    const scheduled = await approveEmail({ ctx: stylist, input: { emailId: email.id }, now: new Date("2026-06-01T03:30:00Z") });
    const { subject, preheader, body, callToAction } = scheduled;
    // What the form posts back: the same words, trimmed as the schema trims them, with a browser's line breaks (a
    // textarea submits CRLF).
    expect(body).toContain("\n\n");
    const posted = { emailId: email.id, subject: ` ${subject} `, preheader, body: body.replaceAll("\n", "\r\n"), callToAction };
    expect(await editEmail({ ctx: stylist, input: posted })).toMatchObject({ state: "scheduled", scheduledFor: scheduled.scheduledFor, body });
    expect(await db.$count(auditLog, and(eq(auditLog.entityId, email.id), eq(auditLog.action, "email.edit")))).toBe(0);
  });

  it("refuses links in an edit and illegal moves", async () => {
    const { stylist, client } = await stylistWithClient();
    const email = await draftEmail({ ctx: stylist, input: { clientId: client.id } });
    const error = await editEmail({ ctx: stylist, input: { emailId: email.id, subject: "Hello", body: "See https://evil.example now", callToAction: "Go" } }).catch((e) => e);
    expect((error as ValidationError).fieldErrors).toEqual({ body: ["Remove the link: the email's links are added for you"] });
    await expect(discardEmail({ ctx: stylist, input: { emailId: email.id, reason: "" } })).rejects.toBeInstanceOf(ValidationError);
    await discardEmail({ ctx: stylist, input: { emailId: email.id, reason: "Not the right moment" } });
    await expect(approveEmail({ ctx: stylist, input: { emailId: email.id } })).rejects.toThrow("This email was discarded, so it cannot be approved. Write a new draft instead.");
  });

  it("applies a page's edit, approval or discard only to the email as the page showed it: one changed in another tab is refused, unchanged", async () => {
    const { stylist, client } = await stylistWithClient();
    const email = await draftEmail({ ctx: stylist, input: { clientId: client.id } });
    const shownAt = email.updatedAt.toISOString();
    const words = { subject: "A edited subject", preheader: "", body: "Hi there,\n\nI picked a few things for you.", callToAction: "Book" };
    // Tab A saves an edit (its form parsed, then handed to the verb, as the page's action does) and approves; tab B,
    // still showing the draft as it was, saves its own words.
    const saved = await editEmail({ ctx: stylist, input: editEmailSchema.parse({ emailId: email.id, shownAt, ...words }) });
    await approveEmail({ ctx: stylist, input: { emailId: email.id } });
    const stale = await editEmail({ ctx: stylist, input: { emailId: email.id, shownAt, ...words, subject: "B's older subject" } }).catch((e) => e);
    expect(stale).toBeInstanceOf(ConflictError);
    expect((stale as ConflictError).message).toBe("This email changed after this page showed it (now: Scheduled). Reload the page to see it as it is; nothing was changed.");
    // A draft edited in one tab stays a draft, and the other tab's approval of what it showed is refused all the same.
    const other = await clientWithFix(stylist, stylist.actor.id);
    const second = await draftEmail({ ctx: stylist, input: { clientId: other.id } });
    await editEmail({ ctx: stylist, input: { emailId: second.id, shownAt: second.updatedAt.toISOString(), ...words } });
    await expect(approveEmail({ ctx: stylist, input: { emailId: second.id, shownAt: second.updatedAt } })).rejects.toBeInstanceOf(ConflictError);
    await expect(editEmail({ ctx: stylist, input: { emailId: second.id, shownAt: second.updatedAt.toISOString(), ...words, subject: "B's older subject" } })).rejects.toBeInstanceOf(ConflictError);
    // Nor does B's discard of the draft it saw, or its Regenerate, throw the scheduled email away.
    await expect(discardEmail({ ctx: stylist, input: { emailId: email.id, reason: "Not the right moment", shownAt } })).rejects.toBeInstanceOf(ConflictError);
    await expect(draftEmail({ ctx: stylist, input: { clientId: client.id, replace: true, shownAt: new Date(shownAt) } })).rejects.toBeInstanceOf(ConflictError);
    const [kept] = await db.select().from(winBackEmails).where(eq(winBackEmails.id, email.id));
    expect(kept).toMatchObject({ state: "scheduled", subject: "A edited subject" });
    expect(saved.updatedAt.getTime()).toBeGreaterThan(email.updatedAt.getTime());
    // A page showing it as it is now may act on it; an email discarded meanwhile is said to be, for an edit too.
    await discardEmail({ ctx: stylist, input: { emailId: email.id, reason: "Not the right moment", shownAt: kept?.updatedAt.toISOString() } });
    await expect(editEmail({ ctx: stylist, input: { emailId: email.id, ...words } })).rejects.toThrow("This email was discarded, so it cannot be edited. Write a new draft instead.");
  });

  it("refuses an edit offering what the admin did not allow, naming the field and saving nothing", async () => {
    const { stylist, client } = await stylistWithClient();
    const email = await draftEmail({ ctx: stylist, input: { clientId: client.id } });
    const error = await editEmail({ ctx: stylist, input: { emailId: email.id, subject: "Hello", body: "Take 20% off your next fix, until December 31.", callToAction: "Go" } }).catch((e) => e);
    expect((error as ValidationError).fieldErrors).toEqual({ body: ["“20%” is not one of the allowed offers (Settings → Email): offer only those, word for word"] });
    const [unchanged] = await db.select().from(winBackEmails).where(eq(winBackEmails.id, email.id));
    expect(unchanged?.body).toBe(email.body);
    // An allowed offer, word for word, and numbers of the person's own, are fine.
    await editEmail({ ctx: stylist, input: { emailId: email.id, subject: "Hello", body: "You kept 4 of 5 last time. Free shipping on your next fix.", callToAction: "Go" } });
    const [edited] = await db.select().from(winBackEmails).where(eq(winBackEmails.id, email.id));
    expect(edited?.body).toBe("You kept 4 of 5 last time. Free shipping on your next fix.");
  });

  it("bulk-approves what it may and counts the rest", async () => {
    const marketer = await userContext("marketer");
    const a = await stylistWithClient();
    const b = await stylistWithClient();
    const ea = await draftEmail({ ctx: a.stylist, input: { clientId: a.client.id } });
    const eb = await draftEmail({ ctx: b.stylist, input: { clientId: b.client.id } });
    // A stylist's bulk approval finds no email of another stylist's client (as a guessed id): not found, not "no longer a draft".
    expect(await approveEmails({ ctx: a.stylist, input: { emailIds: [ea.id, eb.id] }, now: DAYTIME })).toEqual({ approved: 1, skipped: [], changed: [], missing: [eb.id] });
    expect(await approveEmails({ ctx: marketer, input: { emailIds: [ea.id, eb.id] }, now: DAYTIME })).toEqual({ approved: 1, skipped: [ea.id], changed: [], missing: [] });
  });

  it("bulk-approves only drafts as the queue showed them: one edited since in another tab is left a draft and named", async () => {
    const marketer = await userContext("marketer");
    const a = await stylistWithClient();
    const b = await stylistWithClient();
    const ea = await draftEmail({ ctx: a.stylist, input: { clientId: a.client.id } });
    const eb = await draftEmail({ ctx: b.stylist, input: { clientId: b.client.id } });
    const shownAt = { [ea.id]: ea.updatedAt.toISOString(), [eb.id]: eb.updatedAt.toISOString() };
    await editEmail({ ctx: b.stylist, input: { emailId: eb.id, subject: "Words the queue never showed", body: "Hi,\n\nNew words.", callToAction: "Book" } });

    const result = await approveEmails({ ctx: marketer, input: approveEmailsSchema.parse({ emailIds: [ea.id, eb.id], shownAt }), now: DAYTIME });
    expect(result).toEqual({ approved: 1, skipped: [], changed: [eb.id], missing: [] });
    const states = await db.select({ id: winBackEmails.id, state: winBackEmails.state }).from(winBackEmails);
    expect(Object.fromEntries(states.map((e) => [e.id, e.state]))).toEqual({ [ea.id]: "scheduled", [eb.id]: "draft" });

    // Approved or discarded in another tab instead: no longer drafts (skipped), not "edited".
    const c = await stylistWithClient();
    const d = await stylistWithClient();
    const ec = await draftEmail({ ctx: c.stylist, input: { clientId: c.client.id } });
    const ed = await draftEmail({ ctx: d.stylist, input: { clientId: d.client.id } });
    const shownThen = { [ec.id]: ec.updatedAt.toISOString(), [ed.id]: ed.updatedAt.toISOString() };
    await approveEmail({ ctx: c.stylist, input: { emailId: ec.id }, now: DAYTIME });
    await discardEmail({ ctx: d.stylist, input: { emailId: ed.id, reason: "Not the right moment" } });
    expect(await approveEmails({ ctx: marketer, input: approveEmailsSchema.parse({ emailIds: [ec.id, ed.id], shownAt: shownThen }), now: DAYTIME })).toEqual({
      approved: 0,
      skipped: [ec.id, ed.id].sort(),
      changed: [],
      missing: [],
    });
  });
});

describe("sending to the local mailbox", () => {
  it("delivers once with the one-click unsubscribe headers and our id as a tag", async () => {
    const { stylist, client } = await stylistWithClient();
    const email = await draftEmail({ ctx: stylist, input: { clientId: client.id } });
    await approveEmail({ ctx: stylist, input: { emailId: email.id }, now: DAYTIME });
    const result = await sendWinBackEmail({ ctx: stylist, input: { emailId: email.id }, now: DAYTIME });
    expect(result.outcome).toBe("sent");
    const [mail] = await db.select().from(localMailbox);
    expect(mail?.to).toEqual([client.email]);
    expect(mail?.tags).toEqual({ email_id: email.id, kind: "win_back" });
    expect(mail?.headers?.["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    // One-click https alone: no mailto, since nothing reads such a mailbox.
    expect(mail?.headers?.["List-Unsubscribe"]).toMatch(/^<http:\/\/localhost:3000\/api\/unsubscribe\/[^>]+>$/);
    expect(mail?.html).toContain("Unsubscribe");
    expect(mail?.text).toContain("Book my next fix");
    // Sending again (a retried job) is skipped: the email has left.
    expect(await sendWinBackEmail({ ctx: stylist, input: { emailId: email.id }, now: DAYTIME })).toEqual({ outcome: "skipped", state: "sent" });
    expect(await db.$count(localMailbox)).toBe(1);
  });

  it("honours a suppression made after approval: the send is blocked and nothing is delivered", async () => {
    const { stylist, client } = await stylistWithClient();
    const email = await draftEmail({ ctx: stylist, input: { clientId: client.id } });
    await approveEmail({ ctx: stylist, input: { emailId: email.id }, now: DAYTIME });
    await db.insert(emailSuppressions).values({ address: client.email.toLowerCase(), reason: "bounced" });
    const result = await sendWinBackEmail({ ctx: stylist, input: { emailId: email.id }, now: DAYTIME });
    expect(result).toMatchObject({ outcome: "blocked", reason: expect.stringMatching(/suppressed/) });
    expect(await db.$count(localMailbox)).toBe(0);
  });

  it("leaves a hostile client name out of the draft, and escapes markup a person writes in the email HTML", async () => {
    const { stylist, client } = await stylistWithClient({ name: `<script>alert("x")</script> Eve` });
    const email = await draftEmail({ ctx: stylist, input: { clientId: client.id } });
    expect(`${email.subject} ${email.body}`).not.toContain("script");
    expect(email.body).toMatch(/^Hi there, /);
    await editEmail({ ctx: stylist, input: { emailId: email.id, subject: email.subject, body: `Hi <script>alert("x")</script>,\n\n${email.body}`, callToAction: email.callToAction } });
    await approveEmail({ ctx: stylist, input: { emailId: email.id }, now: DAYTIME });
    await sendWinBackEmail({ ctx: stylist, input: { emailId: email.id }, now: DAYTIME });
    const [mail] = await db.select().from(localMailbox);
    expect(mail?.html).not.toContain("<script>");
    expect(mail?.html).toContain("Hi &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;,");
  });

  it("holds back an email scheduled for later than now, as when it was approved again since its send began waiting", async () => {
    const { stylist, client } = await stylistWithClient();
    const email = await draftEmail({ ctx: stylist, input: { clientId: client.id } });
    await approveEmail({ ctx: stylist, input: { emailId: email.id }, now: DAYTIME });
    const later = new Date(DAYTIME.getTime() + 2 * 3_600_000);
    await db.update(winBackEmails).set({ scheduledFor: later }).where(eq(winBackEmails.id, email.id));
    expect(await sendWinBackEmail({ ctx: stylist, input: { emailId: email.id }, now: DAYTIME })).toEqual({ outcome: "deferred", until: later });
    const toClient = async () => (await db.select().from(localMailbox)).filter((m) => m.to.includes(client.email));
    expect(await toClient()).toHaveLength(0);
    expect(await sendWinBackEmail({ ctx: stylist, input: { emailId: email.id }, now: later })).toMatchObject({ outcome: "sent" });
    expect(await toClient()).toHaveLength(1);
  });
});

describe("the stylist's signature and voice", () => {
  it("signs the email with the stylist's own signature", async () => {
    const { stylist, client } = await stylistWithClient();
    await expect(updateEmailProfile({ ctx: stylist, input: { emailSignature: "x".repeat(301) } })).rejects.toBeInstanceOf(ValidationError);
    await updateEmailProfile({ ctx: stylist, input: { emailSignature: "Ava — your stylist since 2024", voiceNote: "Playful" } });
    const email = await draftEmail({ ctx: stylist, input: { clientId: client.id } });
    await approveEmail({ ctx: stylist, input: { emailId: email.id }, now: DAYTIME });
    await sendWinBackEmail({ ctx: stylist, input: { emailId: email.id }, now: DAYTIME });
    const [mail] = await db.select().from(localMailbox);
    expect(mail?.text).toContain("Ava — your stylist since 2024");
  });
});

describe("unsubscribe", () => {
  it("withdraws consent, suppresses the address and discards what is pending, with a signed token only", async () => {
    const { stylist, client } = await stylistWithClient();
    const email = await draftEmail({ ctx: stylist, input: { clientId: client.id } });
    const token = decodeURIComponent(unsubscribeUrls(email.id).oneClick.split("/").pop() ?? "");
    const system = { actor: { type: "system" as const, name: "unsubscribe" }, db };
    await expect(unsubscribe({ ctx: system, input: { token: `${token}x` } })).rejects.toBeInstanceOf(NotFoundError);
    // The link's page knows before the button: a tampered link, then one that may still unsubscribe, then one done.
    expect(await unsubscribeLinkStatus(db, `${token}x`)).toBe("invalid");
    expect(await unsubscribeLinkStatus(db, token)).toBe("subscribed");
    await unsubscribe({ ctx: system, input: { token } });
    expect(await unsubscribeLinkStatus(db, token)).toBe("unsubscribed");
    await unsubscribe({ ctx: system, input: { token } });
    const [after] = await db.select().from(clients).where(eq(clients.id, client.id));
    expect(after?.marketingConsent).toBe(false);
    expect(await db.select().from(emailSuppressions)).toMatchObject([{ address: client.email.toLowerCase(), reason: "unsubscribed" }]);
    const [discarded] = await db.select().from(winBackEmails).where(eq(winBackEmails.id, email.id));
    expect(discarded?.state).toBe("discarded");
    // Recorded as any consent change is, once (the repeat changed nothing), and versioned, so a sender's older
    // profile cannot give consent back.
    const consentRows = await db.select().from(auditLog).where(and(eq(auditLog.entityId, client.id), eq(auditLog.action, "client.consent")));
    expect(consentRows.filter((r) => r.actorLabel === "system:unsubscribe").map((r) => [r.before, (r.after as { marketingConsent: boolean }).marketingConsent])).toEqual([
      [{ marketingConsent: true }, false],
    ]);
    expect(after?.consentVersion?.getTime()).toBeGreaterThan(client.consentVersion?.getTime() ?? 0);
  });
});
