import { InngestTestEngine } from "@inngest/test";
import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startResendLoopback } from "@/test/loopback/resend-server";

// The real Resend SDK talks to the loopback stand-in, which speaks POST /emails/batch and fails on command.
const API_KEY = vi.hoisted(() => {
  process.env.RESEND_API_KEY = "re_test_send_batch";
  return "re_test_send_batch";
});
const resend = await startResendLoopback(API_KEY);
process.env.RESEND_BASE_URL = resend.url;
const { db } = await import("@/lib/server/db/client");
const { appSettings, clients, emailSendPacer, emailSuppressions, emailTransitions, winBackEmails } = await import("@/lib/server/db/schema");
const { DEFAULT_WIN_BACK_SETTINGS } = await import("@/lib/domain/email/win-back-settings");
const { sendBatchKey } = await import("@/lib/domain/email/send-batch");
const { approvedEmailsDueNow } = await import("@/test/email-fixtures");
const { sendEmailBatchFunction } = await import("./send-email-batch");
const { deliverSendBatch } = await import("@/lib/server/services/emails/deliver-send-batch");
const { systemContext } = await import("./system");

afterAll(() => resend.close());
beforeEach(() => resend.reset());

type DueEvent = { name: "rekindle/email.due"; data: { emailId: string } };
// The pause for the send slot is mocked, as @inngest/test asks: it ends at once.
const engine = (emailIds: string[]) =>
  new InngestTestEngine({
    function: sendEmailBatchFunction,
    events: emailIds.map((emailId) => ({ name: "rekindle/email.due", data: { emailId } })) as [DueEvent, ...DueEvent[]],
    steps: [{ id: "wait-for-send-slots", handler: () => undefined }],
  });

/** How many of these emails still hold a stored message (see deliverSendBatch): only a batch under way keeps one. */
const storedMessages = (ids: string[]) => db.$count(winBackEmails, and(inArray(winBackEmails.id, ids), isNotNull(winBackEmails.outgoing)));
const states = async (ids: string[]) => Object.fromEntries((await db.select({ id: winBackEmails.id, state: winBackEmails.state }).from(winBackEmails).where(inArray(winBackEmails.id, ids))).map((r) => [r.id, r.state]));

describe("send-email-batch", () => {
  it("sends the due emails in one batch call, each with our id tag and the one-click headers", async () => {
    const { ids } = await approvedEmailsDueNow(3);
    const { result } = await engine(ids).execute();
    expect(result).toMatchObject({ emails: 3, sent: 3, failed: 0, blocked: 0 });
    expect(resend.calls.map((c) => [c.endpoint, c.emails, c.idempotencyKey])).toEqual([["/emails/batch", 3, sendBatchKey(ids)]]);
    expect(resend.deliveredEmailIds().sort()).toEqual(ids);
    for (const { body } of resend.received) {
      expect(body.headers?.["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
      expect(body.headers?.["List-Unsubscribe"]).toMatch(/^<http[^>]*\/api\/unsubscribe\/[^>]+>$/);
    }
    expect(Object.values(await states(ids))).toEqual(["sent", "sent", "sent"]);
    expect(await db.$count(emailTransitions, inArray(emailTransitions.emailId, ids))).toBe(3 * 5); // draft, approved, scheduled, sending, sent
  });

  it("retried after Resend answers 500, delivers each email of the batch once", async () => {
    const { ids } = await approvedEmailsDueNow(3);
    // Every request of the first attempt fails (the SDK call's own retries included): the step throws, the emails stay "sending".
    resend.state.failNext = 3;
    const first = await engine(ids).execute();
    expect(first.error).toBeDefined();
    expect(resend.received).toHaveLength(0);
    expect(Object.values(await states(ids))).toEqual(["sending", "sending", "sending"]);
    // The retry: Resend accepts the batch, but the answer is lost (500), so the SDK call asks again under the same key.
    resend.state.acceptThenFailNext = 1;
    const retry = await engine(ids).execute();
    expect(retry.result).toMatchObject({ sent: 3 });
    // A duplicate of the whole batch (a replay) sends nothing.
    const again = await engine(ids).execute();
    expect(again.result).toMatchObject({ sent: 0, skipped: 3 });
    expect(resend.deliveredEmailIds().sort()).toEqual(ids);
    expect(new Set(resend.calls.map((c) => c.idempotencyKey))).toEqual(new Set([sendBatchKey(ids)]));
    expect(Object.values(await states(ids))).toEqual(["sent", "sent", "sent"]);
  });

  it("sends a retry the very payload of the attempt whose answer was lost, though the brand settings changed between them", async () => {
    const { ids } = await approvedEmailsDueNow(3);
    // The first call is delivered but its answer lost; the SDK's own retries of that attempt then fail, so the step throws.
    resend.state.acceptThenFailNext = 1;
    const first = engine(ids).execute();
    await vi.waitFor(() => expect(resend.calls).toHaveLength(1));
    resend.state.failNext = 10;
    expect((await first).error).toBeDefined();
    expect(Object.values(await states(ids))).toEqual(["sending", "sending", "sending"]);
    expect(await storedMessages(ids)).toBe(3);
    // An admin renames the brand before Inngest retries the step.
    const brand = { key: "win_back", value: { ...DEFAULT_WIN_BACK_SETTINGS, brandName: "A New Name" } };
    await db.insert(appSettings).values(brand).onConflictDoUpdate({ target: appSettings.key, set: { value: brand.value } });
    resend.state.failNext = 0;
    const retry = await engine(ids).execute();
    // Resend answers the first response (a changed payload under the same key would be 409, and the emails recorded failed).
    expect(retry.result).toMatchObject({ sent: 3, failed: 0 });
    expect(resend.calls.at(-1)?.status).toBe(200);
    expect(resend.deliveredEmailIds().sort()).toEqual(ids);
    expect(Object.values(await states(ids))).toEqual(["sent", "sent", "sent"]);
    expect(await storedMessages(ids)).toBe(0);
  });

  it("records the batch failed on its last attempt and keeps no stored message", async () => {
    const { ids } = await approvedEmailsDueNow(2);
    resend.state.failNext = 100;
    expect((await engine(ids).execute()).error).toBeDefined();
    expect(await storedMessages(ids)).toBe(2);
    const last = await deliverSendBatch({ ctx: systemContext("test"), input: { emailIds: ids, batchKey: sendBatchKey(ids) }, finalAttempt: true });
    expect(last).toMatchObject({ sent: [], failed: [...ids].sort() });
    expect(Object.values(await states(ids))).toEqual(["failed", "failed"]);
    expect(await storedMessages(ids)).toBe(0);
    // Asked again (a replay after the outcome committed), it sends nothing.
    resend.state.failNext = 0;
    const calls = resend.calls.length;
    expect(await deliverSendBatch({ ctx: systemContext("test"), input: { emailIds: ids, batchKey: sendBatchKey(ids) } })).toMatchObject({ sent: [], failed: [] });
    expect(resend.calls).toHaveLength(calls);
  });

  it("leaves a suppressed client out of the batch and discards that email with the reason", async () => {
    const { ids, addresses } = await approvedEmailsDueNow(3);
    const [suppressedId] = (await db.select({ id: winBackEmails.id }).from(winBackEmails).where(eq(winBackEmails.toAddress, addresses[1] ?? ""))).map((r) => r.id);
    await db.insert(emailSuppressions).values({ address: (addresses[1] ?? "").toLowerCase(), reason: "unsubscribed" });
    const { result } = await engine(ids).execute();
    expect(result).toMatchObject({ emails: 3, sent: 2, blocked: 1 });
    expect(resend.calls).toHaveLength(1);
    expect(resend.deliveredEmailIds().sort()).toEqual(ids.filter((id) => id !== suppressedId));
    const [blocked] = await db.select().from(winBackEmails).where(eq(winBackEmails.id, suppressedId ?? ""));
    expect(blocked).toMatchObject({ state: "discarded", discardReason: expect.stringMatching(/suppressed/) });
  });

  it("fails only the email Resend refuses (an invalid address) and sends the rest of the batch", async () => {
    const { ids } = await approvedEmailsDueNow(3);
    const [badId] = ids;
    // The claim sends to the client's current address, so that is where the bad one goes (as an old import might hold).
    const [owner] = await db.select({ clientId: winBackEmails.clientId }).from(winBackEmails).where(eq(winBackEmails.id, badId ?? ""));
    await db.update(clients).set({ email: "not-an-address" }).where(eq(clients.id, owner?.clientId ?? ""));
    const { result } = await engine(ids).execute();
    expect(result).toMatchObject({ emails: 3, sent: 2, failed: 1 });
    expect(resend.calls.map((c) => [c.endpoint, c.status])).toEqual([["/emails/batch", 200]]);
    expect(resend.deliveredEmailIds().sort()).toEqual(ids.filter((id) => id !== badId));
    const [bad] = await db.select().from(winBackEmails).where(eq(winBackEmails.id, badId ?? ""));
    expect(bad).toMatchObject({ state: "failed", lastError: expect.stringMatching(/Resend refused the email: Invalid `to` field/) });
    expect(Object.values(await states(ids)).sort()).toEqual(["failed", "sent", "sent"]);
  });

  it("counts every member of a batch against the send rate", async () => {
    const { ids } = await approvedEmailsDueNow(4, { sendRatePerSecond: 10 });
    const { ctx } = await engine(ids).execute();
    const slot = vi.mocked(ctx.step.sleepUntil).mock.calls.find(([id]) => id === "wait-for-send-slots")?.[1];
    // The pacer keeps microseconds; the slot is whole milliseconds: both rounded the same way.
    const [pacer] = await db.select({ nextMs: sql<number>`round(extract(epoch from ${emailSendPacer.nextAt}) * 1000)::float8` }).from(emailSendPacer);
    // At 10 a second, 4 emails take 400 ms of the pace: the next batch may start no earlier.
    expect((pacer?.nextMs ?? 0) - new Date(String(slot)).getTime()).toBe(400);
  });
});
