import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { users } from "@/lib/server/db/schema";
import { endSession, sessionUser, startSession } from "./sessions";

async function user(email: string) {
  const [row] = await db.insert(users).values({ name: "Pat", email, role: "stylist" }).returning();
  if (!row) throw new Error("no user");
  return row;
}

describe("server-side sessions", () => {
  it("a session works until it is ended, and then never again", async () => {
    const pat = await user("pat@rekindle.test");
    const sessionId = await startSession(db, pat.id);
    expect((await sessionUser(db, pat.id, sessionId))?.id).toBe(pat.id);
    await endSession(db, sessionId);
    expect(await sessionUser(db, pat.id, sessionId)).toBeNull();
  });

  it("ending one session leaves the user's other sessions alone", async () => {
    const pat = await user("pat@rekindle.test");
    const phone = await startSession(db, pat.id);
    const laptop = await startSession(db, pat.id);
    await endSession(db, phone);
    expect((await sessionUser(db, pat.id, laptop))?.id).toBe(pat.id);
  });

  it("refuses another user's session id, an expired session and a deactivated user", async () => {
    const pat = await user("pat@rekindle.test");
    const sam = await user("sam@rekindle.test");
    const patSession = await startSession(db, pat.id);
    expect(await sessionUser(db, sam.id, patSession)).toBeNull();
    const old = await startSession(db, sam.id, new Date(Date.now() - 48 * 3600_000));
    expect(await sessionUser(db, sam.id, old)).toBeNull();
    await db.update(users).set({ deactivatedAt: new Date() }).where(eq(users.id, pat.id));
    expect(await sessionUser(db, pat.id, patSession)).toBeNull();
  });
});
