import { NextRequest } from "next/server";
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
const { handlers } = await import("@/lib/server/auth/auth");
const { db } = await import("@/lib/server/db/client");
const { users } = await import("@/lib/server/db/schema");
const { env } = await import("@/lib/env");

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

  it("sends the sign-in link to APP_URL's site, whatever host the request for it named", async () => {
    resend.received.length = 0;
    await db.insert(users).values({ name: "Ada Admin", email: "ada@company.test", role: "admin" });
    // Someone asks for Ada's link through a Host header of their choosing.
    const forged = "https://attacker.example";
    const csrf = await handlers.GET(new NextRequest(`${forged}/api/auth/csrf`));
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const cookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const body = new URLSearchParams({ email: "ada@company.test", csrfToken, callbackUrl: "/clients" });
    await handlers.POST(new NextRequest(`${forged}/api/auth/signin/resend`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", cookie }, body }));
    const [email] = resend.received;
    expect(email?.body.to).toEqual(["ada@company.test"]);
    const link = new URL(/href="([^"]+\/api\/auth\/callback\/resend[^"]*)"/.exec(email?.body.html ?? "")?.[1]?.replaceAll("&amp;", "&") ?? "");
    const app = new URL(env.APP_URL).origin;
    expect(link.origin).toBe(app);
    expect(link.searchParams.get("callbackUrl")).toBe(`${app}/clients`);
    expect(`${email?.body.html}${email?.body.text}`).not.toContain("attacker.example");
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
