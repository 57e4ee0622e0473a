import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startResendLoopback } from "@/test/loopback/resend-server";

// The real Resend SDK talks to a loopback server that speaks Resend's API.
const API_KEY = "re_test_loopback_key";
const resend = await startResendLoopback(API_KEY);
process.env.RESEND_API_KEY = API_KEY;
process.env.RESEND_BASE_URL = resend.url;

const { sendEmail } = await import("./send-email");
const { sendMagicLinkEmail } = await import("./magic-link-email");
const { magicLinkProviders } = await import("@/lib/server/auth/magic-link");

beforeAll(() => {
  resend.received.length = 0;
});
afterAll(() => resend.close());

describe("sending through Resend", () => {
  it("offers the magic-link provider once RESEND_API_KEY is set", () => {
    expect(magicLinkProviders().map((p) => p.id)).toEqual(["resend"]);
  });

  it("sends the sign-in link with the API key and an idempotency key", async () => {
    await sendMagicLinkEmail({ to: "ava.stylist@rekindle.test", url: "http://localhost:3000/api/auth/callback/resend?token=abc&email=ava" });
    const [email] = resend.received;
    expect(email?.authorization).toBe(`Bearer ${API_KEY}`);
    expect(email?.idempotencyKey).toMatch(/^magic-link-[0-9a-f]{32}$/);
    expect(email?.body.to).toEqual(["ava.stylist@rekindle.test"]);
    expect(email?.body.subject).toBe("Your Rekindle sign-in link");
    expect(email?.body.html).toContain('href="http://localhost:3000/api/auth/callback/resend?token=abc&amp;email=ava"');
  });

  it("retries a failed call with the same idempotency key, so the email goes out exactly once", async () => {
    resend.received.length = 0;
    resend.state.failNext = 2;
    const sent = await sendEmail({ to: ["a@example.test"], subject: "Hi", html: "<p>Hi</p>", idempotencyKey: "retry-test-1" });
    expect(sent.transport).toBe("resend");
    expect(resend.received).toHaveLength(1);
    const again = await sendEmail({ to: ["a@example.test"], subject: "Hi", html: "<p>Hi</p>", idempotencyKey: "retry-test-1" });
    expect(again.id).toBe(sent.id);
    expect(resend.received).toHaveLength(1);
  });

  it("gives up with a clear error when Resend keeps failing", async () => {
    resend.state.failNext = 5;
    await expect(sendEmail({ to: ["a@example.test"], subject: "Hi", html: "x", idempotencyKey: "retry-test-2" })).rejects.toThrow(/Resend did not accept the email: internal_server_error/);
    resend.state.failNext = 0;
  });
});
