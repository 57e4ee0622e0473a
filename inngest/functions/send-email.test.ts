import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it, vi } from "vitest";
import { startResendLoopback } from "@/test/loopback/resend-server";

// The real Resend SDK talks to the loopback stand-in, which fails on command.
const API_KEY = vi.hoisted(() => {
  process.env.RESEND_API_KEY = "re_test_send_function";
  return "re_test_send_function";
});
const resend = await startResendLoopback(API_KEY);
process.env.RESEND_BASE_URL = resend.url;
const { db } = await import("@/lib/server/db/client");
const { appSettings, emailSendPacer, winBackEmails } = await import("@/lib/server/db/schema");
const { DEFAULT_WIN_BACK_SETTINGS } = await import("@/lib/domain/email/win-back-settings");
const { DAYTIME, clientWithFix } = await import("@/test/email-fixtures");
const { userContext } = await import("@/test/fixtures");
const { draftEmail } = await import("@/lib/server/services/emails/draft-email");
const { approveEmail } = await import("@/lib/server/services/emails/approve-email");
const { sendEmailFunction } = await import("./send-email");

afterAll(() => resend.close());

// Steps that pause are mocked, as @inngest/test asks: the sleeps end at once.
const sleeps = () => ["wait-until-due", ...[0, 1, 2].flatMap((round) => [`wait-for-send-slot-${round}`, `wait-for-daytime-${round}`])].map((id) => ({ id, handler: () => undefined }));
const engine = (emailId: string) => new InngestTestEngine({ function: sendEmailFunction, events: approved(emailId), steps: sleeps() });
const approved = (emailId: string) => [{ name: "rekindle/email.approved", data: { emailId } }] as [{ name: "rekindle/email.approved"; data: { emailId: string } }];

async function approvedEmail() {
  // The send step checks the client's daytime against the real clock: a window of the whole day keeps the test off it.
  await db.insert(appSettings).values({ key: "win_back", value: { ...DEFAULT_WIN_BACK_SETTINGS, sendWindowStartHour: 0, sendWindowEndHour: 24 } }).onConflictDoNothing();
  const stylist = await userContext("stylist");
  const client = await clientWithFix(stylist, stylist.actor.id);
  const email = await draftEmail({ ctx: stylist, input: { clientId: client.id } });
  // Approved in the client's daytime (London, 13:00): due at once.
  await approveEmail({ ctx: stylist, input: { emailId: email.id }, now: DAYTIME });
  return email;
}

describe("send-email", () => {
  it("retried after Resend answers 500, delivers once under the email's idempotency key", async () => {
    const email = await approvedEmail();
    // Every request of the first attempt fails (the SDK call's own retries included): the step throws, the email stays "sending".
    resend.state.failNext = 3;
    const first = await engine(email.id).execute();
    expect(first.error).toBeDefined();
    expect(resend.received).toHaveLength(0);
    const [sending] = await db.select().from(winBackEmails).where(eq(winBackEmails.id, email.id));
    expect(sending?.state).toBe("sending");
    // The retry, and then a duplicate event: one delivery.
    const retry = await engine(email.id).execute();
    expect(retry.result).toMatchObject({ emailId: email.id, outcome: "sent" });
    const again = await engine(email.id).execute();
    expect(again.result).toMatchObject({ outcome: "skipped", state: "sent" });
    expect(resend.received.map((r) => r.idempotencyKey)).toEqual([`win-back-${email.id}`]);
    const [sent] = await db.select().from(winBackEmails).where(eq(winBackEmails.id, email.id));
    expect(sent).toMatchObject({ state: "sent", transport: "resend" });
  });

  it("waits for the email's time and a slot at the send rate before sending", async () => {
    const email = await approvedEmail();
    const { ctx, result } = await engine(email.id).execute();
    expect(result).toMatchObject({ outcome: "sent" });
    const [row] = await db.select().from(winBackEmails).where(eq(winBackEmails.id, email.id));
    expect(ctx.step.sleepUntil).toHaveBeenCalledWith("wait-until-due", row?.scheduledFor?.toISOString());
    expect(ctx.step.sleepUntil).toHaveBeenCalledWith("wait-for-send-slot-0", expect.any(String));
    expect(await db.$count(emailSendPacer)).toBe(1);
  });
});
