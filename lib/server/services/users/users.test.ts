import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { auditLog, clients, users, verificationTokens } from "@/lib/server/db/schema";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/server/errors";
import { checkCredentials } from "@/lib/server/auth/credentials";
import { sessionUser, startSession } from "@/lib/server/auth/sessions";
import { listUsersWithClientCounts } from "@/lib/server/data/admin";
import { createClient } from "@/lib/server/services/clients/create-client";
import { assignClients } from "@/lib/server/services/clients/assign-clients";
import { clientInput, untyped, userContext } from "@/test/fixtures";
import { changeUserRole } from "./change-user-role";
import { createUser, PASSWORD_NEEDED } from "./create-user";
import { setUserActive } from "./set-user-active";
import { setUserPassword } from "./set-user-password";

describe("users", () => {
  it("creates a user who can sign in; the audit row never holds the password or its hash", async () => {
    const admin = await userContext("admin");
    const user = await createUser({ ctx: admin, input: { name: "Nia", email: "Nia@Rekindle.test", role: "marketer", password: "a long enough secret" } });
    expect(user.email).toBe("nia@rekindle.test");
    expect((await checkCredentials(db, { email: "nia@rekindle.test", password: "a long enough secret" }, "1.1.1.1")).ok).toBe(true);
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.entityId, user.id));
    expect(JSON.stringify(entry)).not.toMatch(/argon2|long enough secret/);
  });

  it("names bad fields, and refuses a duplicate email", async () => {
    const admin = await userContext("admin");
    const error = await createUser({ ctx: admin, input: untyped({ name: "", email: "x", role: "owner", password: "short" }) }).catch((e) => e);
    expect(Object.keys((error as ValidationError).fieldErrors).sort()).toEqual(["email", "name", "password", "role"]);
    await createUser({ ctx: admin, input: { name: "A", email: "a@rekindle.test", role: "stylist", password: "a long enough secret" } });
    await expect(createUser({ ctx: admin, input: { name: "B", email: "A@REKINDLE.TEST", role: "stylist", password: "a long enough secret" } })).rejects.toBeInstanceOf(ConflictError);
  });

  it("names an email address longer than mail allows, rather than failing to store it", async () => {
    const admin = await userContext("admin");
    // Letters that do not compress: longer than an index entry holds.
    const local = Array.from({ length: 3000 }, (_, i) => "abcdefghijklmnopqrstuvwxyz0123456789"[(i * 7919) % 36]).join("");
    const error = await createUser({ ctx: admin, input: { name: "Long", email: `${local}@rekindle.test`, role: "stylist", password: "a long enough secret" } }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({ email: ["That email address is too long"] });
    expect(await db.$count(users, eq(users.name, "Long"))).toBe(0);
  });

  it("requires a password while sign-in links are off, since the person could not sign in otherwise", async () => {
    const admin = await userContext("admin");
    const error = await createUser({ ctx: admin, input: { name: "Ola", email: "ola@rekindle.test", role: "stylist", password: "" } }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors.password).toEqual([PASSWORD_NEEDED]);
    expect(await db.$count(users, eq(users.email, "ola@rekindle.test"))).toBe(0);
  });

  it("only admins manage users", async () => {
    const marketer = await userContext("marketer");
    const stylist = await userContext("stylist");
    await expect(createUser({ ctx: marketer, input: { name: "A", email: "a@rekindle.test", role: "admin" } })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(changeUserRole({ ctx: stylist, input: { userId: stylist.actor.id, role: "admin" } })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("deactivation ends the user's sessions for good: reactivating does not bring an old session back", async () => {
    const admin = await userContext("admin");
    const target = await createUser({ ctx: admin, input: { name: "Leo", email: "leo@rekindle.test", role: "stylist", password: "a long enough secret" } });
    const captured = await startSession(db, target.id);
    await setUserActive({ ctx: admin, input: { userId: target.id, active: "false" } });
    await setUserActive({ ctx: admin, input: { userId: target.id, active: "true" } });
    expect(await sessionUser(db, target.id, captured)).toBeNull();
    expect((await sessionUser(db, target.id, await startSession(db, target.id)))?.id).toBe(target.id);
  });

  it("a password reset signs the person out everywhere, voids their sign-in links, and only the new password works; their own too", async () => {
    const admin = await userContext("admin");
    const target = await createUser({ ctx: admin, input: { name: "Ivy", email: "ivy@rekindle.test", role: "stylist", password: "the first long secret" } });
    const captured = await startSession(db, target.id);
    await db.insert(verificationTokens).values({ identifier: "ivy@rekindle.test", token: "a-link-already-sent", expires: new Date(Date.now() + 3_600_000) });
    expect(await setUserPassword({ ctx: admin, input: { userId: target.id, password: "the second long secret" } })).toEqual({ self: false });
    expect(await sessionUser(db, target.id, captured)).toBeNull();
    expect(await db.$count(verificationTokens, eq(verificationTokens.identifier, "ivy@rekindle.test"))).toBe(0);
    expect((await checkCredentials(db, { email: "ivy@rekindle.test", password: "the first long secret" }, "1.1.1.2")).ok).toBe(false);
    expect((await checkCredentials(db, { email: "ivy@rekindle.test", password: "the second long secret" }, "1.1.1.2")).ok).toBe(true);
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.action, "user.password.set"));
    expect(entry?.after).toEqual({ passwordChanged: true, sessionsEnded: true });
    expect(JSON.stringify(entry)).not.toMatch(/argon2|long secret/);

    // An admin resetting their own (after a compromise, say) ends a stolen session of theirs as well.
    const own = await startSession(db, admin.actor.id);
    expect(await setUserPassword({ ctx: admin, input: { userId: admin.actor.id, password: "the admin's new secret" } })).toEqual({ self: true });
    expect(await sessionUser(db, admin.actor.id, own)).toBeNull();
  });

  it("a password reset names a short password and an unknown person, and changes nothing", async () => {
    const admin = await userContext("admin");
    const short = await setUserPassword({ ctx: admin, input: { userId: admin.actor.id, password: "short" } }).catch((e) => e);
    expect((short as ValidationError).fieldErrors.password).toEqual(["Use at least 12 characters"]);
    await expect(setUserPassword({ ctx: admin, input: { userId: "00000000-0000-4000-8000-000000000000", password: "a long enough secret" } })).rejects.toThrow(/User/);
    await expect(setUserPassword({ ctx: await userContext("marketer"), input: { userId: admin.actor.id, password: "a long enough secret" } })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db.$count(auditLog, eq(auditLog.action, "user.password.set"))).toBe(0);
  });

  it("deactivation blocks sign-in; the last active admin cannot be removed or demoted; nobody deactivates themselves", async () => {
    const admin = await userContext("admin");
    const target = await createUser({ ctx: admin, input: { name: "Leo", email: "leo@rekindle.test", role: "stylist", password: "a long enough secret" } });
    await setUserActive({ ctx: admin, input: { userId: target.id, active: "false" } });
    expect(await checkCredentials(db, { email: "leo@rekindle.test", password: "a long enough secret" }, "1.1.1.2")).toEqual({ ok: false, reason: "invalid" });
    await setUserActive({ ctx: admin, input: { userId: target.id, active: "true" } });
    expect((await checkCredentials(db, { email: "leo@rekindle.test", password: "a long enough secret" }, "1.1.1.3")).ok).toBe(true);

    await expect(setUserActive({ ctx: admin, input: { userId: admin.actor.id, active: "false" } })).rejects.toThrow("own account");
    await expect(changeUserRole({ ctx: admin, input: { userId: admin.actor.id, role: "stylist" } })).rejects.toThrow("at least one active admin");
    const [still] = await db.select().from(users).where(eq(users.id, admin.actor.id));
    expect(still?.role).toBe("admin");

    const actions = (await db.select({ action: auditLog.action }).from(auditLog)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["user.create", "user.deactivate", "user.reactivate"]));
  });

  it("asks before a role change that needs a second look, then unassigns a former stylist's clients", async () => {
    const admin = await userContext("admin");
    const stylist = await userContext("stylist", "Priya Stylist");
    for (let i = 0; i < 2; i++) await createClient({ ctx: admin, input: clientInput({ stylistId: stylist.actor.id }) });

    const question = await changeUserRole({ ctx: admin, input: { userId: stylist.actor.id, role: "marketer" } }).catch((e) => e);
    expect(question).toBeInstanceOf(ValidationError);
    expect((question as ValidationError).fieldErrors.confirmed).toEqual(["Make Priya Stylist a marketer? Priya Stylist's 2 clients become unassigned."]);
    const [unchanged] = await db.select().from(users).where(eq(users.id, stylist.actor.id));
    expect(unchanged?.role).toBe("stylist");

    const done = await changeUserRole({ ctx: admin, input: { userId: stylist.actor.id, role: "marketer", confirmed: "yes" } });
    expect(done).toMatchObject({ user: { role: "marketer" }, unassigned: 2 });
    expect(await db.select().from(clients).where(eq(clients.stylistId, stylist.actor.id))).toHaveLength(0);

    const marketer = await userContext("marketer", "Nia");
    await expect(changeUserRole({ ctx: admin, input: { userId: marketer.actor.id, role: "admin" } })).rejects.toThrow("Nia will be able to manage users");
    await expect(changeUserRole({ ctx: admin, input: { userId: marketer.actor.id, role: "stylist" } })).resolves.toMatchObject({ user: { role: "stylist" }, unassigned: 0 });
  });

  it("moves a stylist's book to another stylist in bulk and counts clients per stylist", async () => {
    const admin = await userContext("admin");
    const from = await userContext("stylist", "From Stylist");
    const to = await userContext("stylist", "To Stylist");
    for (let i = 0; i < 3; i++) await createClient({ ctx: admin, input: clientInput({ stylistId: from.actor.id }) });
    await createClient({ ctx: admin, input: clientInput({ stylistId: from.actor.id, name: "Stays Put", email: "keeper@example.com" }) });
    const moved = await assignClients({ ctx: admin, input: { from: from.actor.id, to: to.actor.id, search: "client" } });
    expect(moved.moved).toBe(3);
    const counts = Object.fromEntries((await listUsersWithClientCounts(admin)).map((u) => [u.name, u.clientCount]));
    expect(counts).toMatchObject({ "From Stylist": 1, "To Stylist": 3 });
  });
});
