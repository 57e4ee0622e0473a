import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { appSettings, clientContacts, clients, emailSuppressions, localMailbox, outreachAssignments, todaySnoozes, winBackEmails } from "@/lib/server/db/schema";
import { normaliseAddress } from "@/lib/server/data/email-eligibility";
import { getEmailOverview } from "@/lib/server/data/email-overview";
import { winBackStanding } from "@/lib/server/data/emails";
import { DEFAULT_EMAIL_POLICY } from "@/lib/domain/email/policy-settings";
import { DEFAULT_WIN_BACK_SETTINGS } from "@/lib/domain/email/win-back-settings";
import { isHeldOut } from "@/lib/domain/email/holdout";
import { createOrder } from "@/lib/server/services/orders/create-order";
import { DAYTIME, clientWithFix, setScore } from "@/test/email-fixtures";
import { clientInput, orderInput, userContext } from "@/test/fixtures";
import { createClient } from "@/lib/server/services/clients/create-client";
import { sendDueEmails } from "./send-due-emails";
import { approveEmail } from "./approve-email";
import { draftEmail } from "./draft-email";
import { sendWinBackEmail } from "./send-win-back-email";
import { assignOutreach } from "./assign-outreach";
import { runOutreach, type OutreachOutcome } from "@/inngest/functions/outreach";
import { winBackEntriesWithoutOutreach } from "@/lib/server/data/outreach-entries";
import { logContact } from "@/lib/server/services/today/log-contact";
import { snoozeClient } from "@/lib/server/services/today/snooze-client";

const system = { actor: { type: "system" as const, name: "outreach" }, db };

/** The outreach function's steps for one entry, run at once, at DAYTIME. */
const outreach = (clientId: string) => runOutreach({ clientId, enteredAt: DAYTIME }, (_id, work) => work(), DAYTIME);

/** What the nightly sweep's events lead to: outreach for every entry into win-back that has none yet. */
async function sweep() {
  const entries = await winBackEntriesWithoutOutreach(db, 1_000);
  const outcomes: Partial<Record<OutreachOutcome["outcome"], number>> = {};
  for (const entry of entries) {
    const { outcome } = await runOutreach(entry, (_id, work) => work(), DAYTIME);
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
  }
  return { candidates: entries.length, outcomes };
}

async function saveSettings(winBack: Partial<typeof DEFAULT_WIN_BACK_SETTINGS>, policy: Partial<typeof DEFAULT_EMAIL_POLICY> = {}) {
  await db.insert(appSettings).values([
    { key: "win_back", value: { ...DEFAULT_WIN_BACK_SETTINGS, ...winBack } },
    { key: "email_policy", value: { ...DEFAULT_EMAIL_POLICY, ...policy } },
  ]);
}

/** Clients until one falls in the wanted group (the assignment is deterministic, so the test is too). */
async function clientInGroup(held: boolean, share: number) {
  const stylist = await userContext("stylist");
  for (let i = 0; i < 50; i++) {
    const client = await clientWithFix(stylist, stylist.actor.id);
    if (isHeldOut({ seed: DEFAULT_WIN_BACK_SETTINGS.holdoutSeed, clientId: client.id, tier: "lapsed", share }) === held) return { stylist, client };
  }
  throw new Error("no client in the wanted group");
}

describe("outreach on entering win-back", () => {
  it("drafts for a client whose score falls to 0 (the old system's bug)", async () => {
    await saveSettings({ holdoutShare: 0 });
    const { client } = await clientInGroup(false, 0);
    await setScore(client.id, 40, "watch");
    await setScore(client.id, 0, "lapsed");
    const result = await outreach(client.id);
    expect(result).toMatchObject({ outcome: "drafted", route: "review" });
    const [email] = await db.select().from(winBackEmails).where(eq(winBackEmails.clientId, client.id));
    expect(email).toMatchObject({ state: "draft", origin: "outreach", tier: "lapsed" });
    // The same entry again (a repeated event) answers the same draft and writes no second one.
    expect(await outreach(client.id)).toEqual({ ...result });
    expect(await db.$count(winBackEmails, eq(winBackEmails.clientId, client.id))).toBe(1);
  });

  it("writes nothing for a client who never had a fix: no assignment, no draft, and the client page says why", async () => {
    await saveSettings({ holdoutShare: 0 });
    const stylist = await userContext("stylist");
    const client = await createClient({ ctx: stylist, input: clientInput({ stylistId: stylist.actor.id, marketingConsent: true }) });
    await setScore(client.id, 0, "lapsed");
    expect(await outreach(client.id)).toMatchObject({ outcome: "ineligible" });
    expect(await db.$count(outreachAssignments, eq(outreachAssignments.clientId, client.id))).toBe(0);
    expect(await db.$count(winBackEmails, eq(winBackEmails.clientId, client.id))).toBe(0);
    expect(await winBackStanding(stylist, client.id, DAYTIME)).toMatchObject({ eligible: false, reason: "never_ordered" });
  });

  it("holds a client out: no email, but recorded and counted against the emailed group", async () => {
    await saveSettings({ holdoutShare: 0.5 }, { autoSendTiers: ["lapsed"], reviewTiers: ["at_risk"] });
    const held = await clientInGroup(true, 0.5);
    const emailed = await clientInGroup(false, 0.5);
    for (const { client } of [held, emailed]) await setScore(client.id, 5, "lapsed");
    expect(await outreach(held.client.id)).toEqual({ outcome: "holdout" });
    const drafted = await outreach(emailed.client.id);
    expect(drafted).toMatchObject({ outcome: "drafted", route: "auto_send" });
    // Approved by policy and due: the catch-up hands it to the send-email function, which sends it as this does.
    expect(await sendDueEmails({ ctx: system, input: {}, now: new Date(DAYTIME.getTime() + 86_400_000) })).toEqual({ queued: 1 });
    if (drafted.outcome !== "drafted") throw new Error("not drafted");
    expect(await sendWinBackEmail({ ctx: system, input: { emailId: drafted.emailId }, now: DAYTIME })).toMatchObject({ outcome: "sent" });
    const mailbox = await db.select().from(localMailbox);
    expect(mailbox.map((m) => m.to[0])).toEqual([emailed.client.email]);
    // Each assignment keeps the share it was drawn with, for the uplift to compare within.
    expect(await db.select({ group: outreachAssignments.group, share: outreachAssignments.holdoutShare }).from(outreachAssignments).where(eq(outreachAssignments.clientId, held.client.id))).toEqual([{ group: "holdout", share: 0.5 }]);

    // The held-out client orders again within the window: won back, without an email.
    await createOrder({ ctx: held.stylist, input: { clientId: held.client.id, ...orderInput({ orderedAt: new Date(DAYTIME.getTime() + 5 * 86_400_000).toISOString() }) } });
    const marketer = await userContext("marketer");
    const day = DAYTIME.toISOString().slice(0, 10);
    const overview = await getEmailOverview(marketer, { from: day, to: day }, new Date(DAYTIME.getTime() + 40 * 86_400_000));
    expect(overview.uplift).toMatchObject({ emailed: { clients: 1, wonBack: 0 }, heldOut: { clients: 1, wonBack: 1 } });
  });

  it("sends a held-out client no win-back email, by outreach or by hand, until their window closes", async () => {
    await saveSettings({ holdoutShare: 0.5, sendWindowStartHour: 0, sendWindowEndHour: 24 });
    const { stylist, client } = await clientInGroup(true, 0.5);
    await setScore(client.id, 5, "lapsed");
    expect(await outreach(client.id)).toEqual({ outcome: "holdout" });
    // The client's page says so (to those who may see the client), and offers no draft, while the 30-day window runs.
    const windowEnd = new Date(DAYTIME.getTime() + 30 * 86_400_000);
    expect(await winBackStanding(stylist, client.id, new Date(DAYTIME.getTime() + 86_400_000))).toMatchObject({ eligible: false, reason: "held_out", until: windowEnd });
    expect(await winBackStanding(await userContext("stylist", "Other"), client.id, DAYTIME)).toBeNull();
    expect(await winBackStanding(stylist, client.id, windowEnd)).toEqual({ eligible: true });
    // A draft by hand anyway is stopped at the send, with the reason.
    const byHand = await draftEmail({ ctx: stylist, input: { clientId: client.id } });
    await approveEmail({ ctx: stylist, input: { emailId: byHand.id }, now: DAYTIME });
    const inWindow = new Date(DAYTIME.getTime() + 10 * 86_400_000);
    expect(await sendWinBackEmail({ ctx: stylist, input: { emailId: byHand.id }, now: inWindow })).toEqual({ outcome: "blocked", reason: expect.stringContaining("in the holdout") });
    expect(await db.$count(localMailbox)).toBe(0);
    // Once the window has closed, the client may be emailed again.
    const later = await draftEmail({ ctx: stylist, input: { clientId: client.id } });
    const afterWindow = new Date(DAYTIME.getTime() + 31 * 86_400_000);
    await approveEmail({ ctx: stylist, input: { emailId: later.id }, now: afterWindow });
    expect(await sendWinBackEmail({ ctx: stylist, input: { emailId: later.id }, now: afterWindow })).toMatchObject({ outcome: "sent" });
  });

  it("tells the client page before anyone drafts: a draft in flight is fine, a suppressed address or a recent email is not", async () => {
    await saveSettings({ holdoutShare: 0, sendWindowStartHour: 0, sendWindowEndHour: 24 });
    const stylist = await userContext("stylist");
    const client = await clientWithFix(stylist, stylist.actor.id);
    const draft = await draftEmail({ ctx: stylist, input: { clientId: client.id } });
    expect(await winBackStanding(stylist, client.id, DAYTIME)).toEqual({ eligible: true });
    await approveEmail({ ctx: stylist, input: { emailId: draft.id }, now: DAYTIME });
    expect(await sendWinBackEmail({ ctx: stylist, input: { emailId: draft.id }, now: DAYTIME })).toMatchObject({ outcome: "sent" });
    const [sent] = await db.select({ sentAt: winBackEmails.sentAt }).from(winBackEmails).where(eq(winBackEmails.id, draft.id));
    const gapEnds = new Date((sent?.sentAt?.getTime() ?? 0) + DEFAULT_EMAIL_POLICY.minDaysBetweenEmails * 86_400_000);
    expect(await winBackStanding(stylist, client.id, new Date(gapEnds.getTime() - 1))).toMatchObject({ eligible: false, reason: "too_soon", until: gapEnds });
    expect(await winBackStanding(stylist, client.id, gapEnds)).toEqual({ eligible: true });
    await db.insert(emailSuppressions).values({ address: normaliseAddress(client.email), reason: "unsubscribed" });
    expect(await winBackStanding(stylist, client.id, gapEnds)).toMatchObject({ eligible: false, reason: "suppressed" });
  });

  it("does not send a win-back email to a client who ordered after it was written", async () => {
    await saveSettings({ holdoutShare: 0, sendWindowStartHour: 0, sendWindowEndHour: 24 });
    const stylist = await userContext("stylist");
    const client = await clientWithFix(stylist, stylist.actor.id);
    const draft = await draftEmail({ ctx: stylist, input: { clientId: client.id } });
    await approveEmail({ ctx: stylist, input: { emailId: draft.id } });
    // The client comes back before the email goes out.
    await createOrder({ ctx: stylist, input: { clientId: client.id, ...orderInput({ orderedAt: new Date(draft.createdAt.getTime() + 60_000).toISOString() }) } });
    expect(await sendWinBackEmail({ ctx: stylist, input: { emailId: draft.id }, now: new Date(draft.createdAt.getTime() + 120_000) })).toEqual({ outcome: "blocked", reason: expect.stringContaining("ordered again after this email was written") });
    expect(await db.$count(localMailbox)).toBe(0);
    const [after] = await db.select({ state: winBackEmails.state, discardReason: winBackEmails.discardReason }).from(winBackEmails).where(eq(winBackEmails.id, draft.id));
    expect(after).toMatchObject({ state: "discarded", discardReason: expect.stringContaining("ordered again") });
    // A new draft, written after the order, may go.
    expect(await winBackStanding(stylist, client.id)).toEqual({ eligible: true });
  });

  it("sends a client whose name holds a link an email without it, when the policy sends without review", async () => {
    await saveSettings({ holdoutShare: 0, sendWindowStartHour: 0, sendWindowEndHour: 24 }, { autoSendTiers: ["lapsed"], reviewTiers: ["at_risk"] });
    const stylist = await userContext("stylist");
    // A Shopify customer types their own name.
    const client = await clientWithFix(stylist, stylist.actor.id, { name: "https://rekindle-refund.example/claim Smith" });
    await setScore(client.id, 5, "lapsed");
    expect(await outreach(client.id)).toMatchObject({ outcome: "drafted", route: "auto_send" });
    const [email] = await db.select().from(winBackEmails).where(eq(winBackEmails.clientId, client.id));
    expect(await sendWinBackEmail({ ctx: system, input: { emailId: email?.id ?? "" }, now: DAYTIME })).toMatchObject({ outcome: "sent" });
    const [mail] = await db.select().from(localMailbox);
    expect(mail?.subject).toBe("We miss you");
    expect(`${mail?.subject} ${mail?.text} ${mail?.html}`).not.toMatch(/rekindle-refund/);
  });

  it("sweeps up a client whose first score is already at risk, and a client without consent once they agree", async () => {
    await saveSettings({ holdoutShare: 0 });
    const stylist = await userContext("stylist");
    const first = await clientWithFix(stylist, stylist.actor.id);
    const noConsent = await clientWithFix(stylist, stylist.actor.id, { marketingConsent: undefined });
    const suppressed = await clientWithFix(stylist, stylist.actor.id);
    await db.insert(emailSuppressions).values({ address: normaliseAddress(suppressed.email), reason: "unsubscribed" });
    // As after an import of old history: no tier change, the first score is at risk.
    await db.execute(`update client_scores set score = 20, tier = 'at_risk', scored_at = '${DAYTIME.toISOString()}' where client_id in ('${first.id}', '${noConsent.id}', '${suppressed.id}')`);
    // Clients no email may reach are not candidates: outreach would only turn them away.
    expect(await sweep()).toEqual({ candidates: 1, outcomes: { drafted: 1 } });
    expect(await db.$count(winBackEmails, eq(winBackEmails.clientId, first.id))).toBe(1);
    expect(await sweep()).toEqual({ candidates: 0, outcomes: {} });
    // Once the client agrees to marketing email, the entry is swept up.
    await db.update(clients).set({ marketingConsent: true }).where(eq(clients.id, noConsent.id));
    expect(await sweep()).toEqual({ candidates: 1, outcomes: { drafted: 1 } });
    expect(await db.$count(winBackEmails, eq(winBackEmails.clientId, noConsent.id))).toBe(1);
  });

  it("leaves a client to the stylist who snoozed them or was in touch recently, neither drafting nor drawing them for the holdout, and sweeps them up after", async () => {
    await saveSettings({ holdoutShare: 0 });
    const stylist = await userContext("stylist");
    const called = await clientWithFix(stylist, stylist.actor.id);
    const snoozed = await clientWithFix(stylist, stylist.actor.id);
    const untouched = await clientWithFix(stylist, stylist.actor.id);
    await db.execute(`update client_scores set score = 20, tier = 'at_risk', scored_at = '${DAYTIME.toISOString()}' where client_id in ('${called.id}', '${snoozed.id}', '${untouched.id}')`);
    const justBefore = new Date(DAYTIME.getTime() - 3 * 60_000);
    await logContact({ ctx: stylist, input: { clientId: called.id, channel: "phone", note: "Spoke about spring" }, now: justBefore });
    await snoozeClient({ ctx: stylist, input: { clientId: snoozed.id, days: 7, reason: "Travelling until next week" }, now: justBefore });

    expect(await runOutreach({ clientId: called.id, enteredAt: DAYTIME }, (_id, work) => work(), DAYTIME)).toMatchObject({ outcome: "ineligible", reason: expect.stringContaining("in touch recently") });
    expect(await runOutreach({ clientId: snoozed.id, enteredAt: DAYTIME }, (_id, work) => work(), DAYTIME)).toMatchObject({ outcome: "ineligible", reason: expect.stringContaining("snoozed") });
    expect(await runOutreach({ clientId: untouched.id, enteredAt: DAYTIME }, (_id, work) => work(), DAYTIME)).toMatchObject({ outcome: "drafted" });
    expect(await db.$count(outreachAssignments)).toBe(1);
    expect(await db.$count(winBackEmails)).toBe(1);
    // Still entries without outreach, which the nightly sweep hands on once the snooze and the gap have passed (not
    // every night before: outreach would only turn them away). The sweep reads the clock: moved to now.
    await db.update(clientContacts).set({ contactedAt: new Date(Date.now() - 60_000) }).where(eq(clientContacts.clientId, called.id));
    await db.update(todaySnoozes).set({ until: new Date(Date.now() + 7 * 86_400_000) }).where(eq(todaySnoozes.clientId, snoozed.id));
    expect(await winBackEntriesWithoutOutreach(db, 10)).toEqual([]);
    await db.update(todaySnoozes).set({ until: new Date(Date.now() - 60_000) }).where(eq(todaySnoozes.clientId, snoozed.id));
    expect((await winBackEntriesWithoutOutreach(db, 10)).map((e) => e.clientId)).toEqual([snoozed.id]);
    // Once the gap after the call has passed (at a daytime hour, as sends need), outreach drafts.
    const later = new Date(DAYTIME.getTime() + Math.ceil((Date.now() - DAYTIME.getTime()) / 86_400_000 + DEFAULT_EMAIL_POLICY.minDaysBetweenEmails + 1) * 86_400_000);
    expect(await runOutreach({ clientId: called.id, enteredAt: DAYTIME }, (_id, work) => work(), later)).toMatchObject({ outcome: "drafted" });
  });

  it("assigns no one in a tier the policy drafts nothing for, so the measure never counts unemailed clients as emailed", async () => {
    // Lapsed clients get no draft: neither group is recorded for them, and the sweep does not offer them every night.
    await saveSettings({ holdoutShare: 0.5 }, { autoSendTiers: [], reviewTiers: ["at_risk"] });
    const { client } = await clientInGroup(false, 0.5);
    await setScore(client.id, 5, "lapsed");
    expect(await outreach(client.id)).toEqual({ outcome: "no_draft_by_policy" });
    expect(await db.$count(outreachAssignments)).toBe(0);
    expect(await sweep()).toEqual({ candidates: 0, outcomes: {} });
    // Once the policy drafts for lapsed clients, the entry is swept up.
    await db.update(appSettings).set({ value: { ...DEFAULT_EMAIL_POLICY, autoSendTiers: [], reviewTiers: ["at_risk", "lapsed"] } }).where(eq(appSettings.key, "email_policy"));
    expect(await sweep()).toEqual({ candidates: 1, outcomes: { drafted: 1 } });
    expect(await db.select({ group: outreachAssignments.group }).from(outreachAssignments)).toEqual([{ group: "emailed" }]);
  });

  it("decides one entry at a time per client, so two entries at once leave one first assignment", async () => {
    await saveSettings({ holdoutShare: 0 });
    const { client } = await clientInGroup(false, 0);
    await setScore(client.id, 5, "lapsed");
    // While another decision for the client holds its row, an assignment waits, then sees the one made before it.
    let settled = false;
    let waiting: Promise<unknown> = Promise.resolve();
    await db.transaction(async (tx) => {
      await tx.select({ id: clients.id }).from(clients).where(eq(clients.id, client.id)).for("no key update");
      await tx.insert(outreachAssignments).values({ clientId: client.id, tier: "lapsed", group: "emailed", holdoutShare: 0.1, enteredAt: DAYTIME, assignedAt: DAYTIME });
      const later = new Date(DAYTIME.getTime() + 60_000);
      waiting = assignOutreach({ ctx: system, input: { clientId: client.id, enteredAt: later }, now: later }).finally(() => (settled = true));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(settled).toBe(false);
    });
    await waiting;
    const rows = await db.select({ previous: outreachAssignments.previousAssignedAt }).from(outreachAssignments).where(eq(outreachAssignments.clientId, client.id));
    expect(rows.map((r) => r.previous)).toEqual(expect.arrayContaining([null, DAYTIME]));
    expect(rows).toHaveLength(2);
  });
});
