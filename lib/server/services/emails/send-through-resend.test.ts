import { afterAll, describe, expect, it, vi } from "vitest";
import { startResendLoopback } from "@/test/loopback/resend-server";

// The real Resend SDK talks to the loopback stand-in, which fails on command.
const API_KEY = vi.hoisted(() => {
  process.env.RESEND_API_KEY = "re_test_win_back";
  return "re_test_win_back";
});
const resend = await startResendLoopback(API_KEY);
process.env.RESEND_BASE_URL = resend.url;
const { DAYTIME, clientWithFix } = await import("@/test/email-fixtures");
const { userContext } = await import("@/test/fixtures");
const { draftEmail } = await import("./draft-email");
const { approveEmail } = await import("./approve-email");
const { sendWinBackEmail } = await import("./send-win-back-email");
const { sendBatchKey } = await import("@/lib/domain/email/send-batch");

afterAll(() => resend.close());

describe("sending a win-back email through Resend", () => {
  it("delivers once after a 500, with the idempotency key, our tag and the one-click headers", async () => {
    const stylist = await userContext("stylist");
    const client = await clientWithFix(stylist, stylist.actor.id);
    const email = await draftEmail({ ctx: stylist, input: { clientId: client.id } });
    await approveEmail({ ctx: stylist, input: { emailId: email.id }, now: DAYTIME });
    resend.state.failNext = 1;
    const result = await sendWinBackEmail({ ctx: stylist, input: { emailId: email.id }, now: DAYTIME });
    expect(result.outcome).toBe("sent");
    expect(resend.received).toHaveLength(1);
    const [delivered] = resend.received;
    // "Send now" is a batch of one: the batch endpoint, under the key made from the email's id.
    expect(delivered?.idempotencyKey).toBe(sendBatchKey([email.id]));
    expect(delivered?.endpoint).toBe("/emails/batch");
    expect(delivered?.body.tags).toContainEqual({ name: "email_id", value: email.id });
    expect(delivered?.body.headers?.["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(result.outcome === "sent" && result.email.transport).toBe("resend");
  });
});
