import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { signInFailures, users } from "@/lib/server/db/schema";
import { checkCredentials } from "./credentials";
import { hashPassword } from "./passwords";
import { MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_IP } from "./throttle";

async function userWithPassword(email: string, password: string) {
  const [user] = await db.insert(users).values({ name: "Pat", email, role: "stylist", passwordHash: await hashPassword(password) }).returning();
  if (!user) throw new Error("no user");
  return user;
}

describe("checkCredentials", () => {
  it("accepts the right password, whatever the email's case, and stores only an argon2id hash", async () => {
    const user = await userWithPassword("pat@rekindle.test", "correct horse battery");
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.passwordHash).not.toContain("correct horse");
    const result = await checkCredentials(db, { email: "PAT@rekindle.test", password: "correct horse battery" }, "10.0.0.1");
    expect(result).toEqual({ ok: true, user: { id: user.id, name: "Pat", email: "pat@rekindle.test" } });
  });

  it("answers the same for a wrong password and for an unknown account", async () => {
    await userWithPassword("pat@rekindle.test", "correct horse battery");
    const wrong = await checkCredentials(db, { email: "pat@rekindle.test", password: "nope nope nope" }, "10.0.0.1");
    const unknown = await checkCredentials(db, { email: "nobody@rekindle.test", password: "nope nope nope" }, "10.0.0.1");
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);
  });

  it("answers an email address longer than mail allows as any wrong sign-in, recording nothing", async () => {
    const local = Array.from({ length: 3000 }, (_, i) => "abcdefghijklmnopqrstuvwxyz0123456789"[(i * 7919) % 36]).join("");
    expect(await checkCredentials(db, { email: `${local}@rekindle.test`, password: "nope nope nope" }, "10.0.0.9")).toEqual({ ok: false, reason: "invalid" });
    expect(await db.$count(signInFailures, eq(signInFailures.ip, "10.0.0.9"))).toBe(0);
  });

  it("refuses a deactivated user with the right password", async () => {
    const user = await userWithPassword("gone@rekindle.test", "correct horse battery");
    await db.update(users).set({ deactivatedAt: new Date() }).where(eq(users.id, user.id));
    expect(await checkCredentials(db, { email: "gone@rekindle.test", password: "correct horse battery" }, "10.0.0.1")).toEqual({ ok: false, reason: "invalid" });
  });

  it(`throttles an account after ${MAX_FAILURES_PER_ACCOUNT} failures, even with the right password, from any address`, async () => {
    await userWithPassword("pat@rekindle.test", "correct horse battery");
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      expect((await checkCredentials(db, { email: "pat@rekindle.test", password: `guess ${i} guess` }, `10.0.0.${i}`)).ok).toBe(false);
    }
    expect(await checkCredentials(db, { email: "pat@rekindle.test", password: "correct horse battery" }, "10.9.9.9")).toEqual({ ok: false, reason: "throttled" });
  });

  it(`throttles an address after ${MAX_FAILURES_PER_IP} failures across accounts, but not other addresses`, async () => {
    await userWithPassword("pat@rekindle.test", "correct horse battery");
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) {
      await checkCredentials(db, { email: `user${i}@rekindle.test`, password: "whatever whatever" }, "192.0.2.7");
    }
    expect(await checkCredentials(db, { email: "pat@rekindle.test", password: "correct horse battery" }, "192.0.2.7")).toEqual({ ok: false, reason: "throttled" });
    expect((await checkCredentials(db, { email: "pat@rekindle.test", password: "correct horse battery" }, "192.0.2.8")).ok).toBe(true);
  });

  it(`checks at most ${MAX_FAILURES_PER_ACCOUNT} passwords when 30 guesses arrive at once`, async () => {
    await userWithPassword("pat@rekindle.test", "correct horse battery");
    const guesses = Array.from({ length: 30 }, (_, i) => checkCredentials(db, { email: "pat@rekindle.test", password: `guess ${i} guess` }, `10.1.0.${i}`));
    const results = await Promise.all(guesses);
    const checked = results.filter((r) => !r.ok && r.reason === "invalid").length;
    expect(checked).toBe(MAX_FAILURES_PER_ACCOUNT);
    expect(results.filter((r) => !r.ok && r.reason === "throttled")).toHaveLength(30 - MAX_FAILURES_PER_ACCOUNT);
    expect(await db.$count(signInFailures)).toBe(MAX_FAILURES_PER_ACCOUNT);
  });
});
