import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { auditLog, clients } from "@/lib/server/db/schema";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { clientInput, userContext } from "@/test/fixtures";
import { DUPLICATE_EMAIL_MESSAGE, EMAIL_UNAVAILABLE_MESSAGE } from "./client-rules";
import { createClient } from "./create-client";
import { updateClient } from "./update-client";

describe("createClient", () => {
  it("stores the profile with an audit row", async () => {
    const marketer = await userContext("marketer");
    const stylist = await userContext("stylist");
    const client = await createClient({
      ctx: marketer,
      input: clientInput({ name: "  Ada Lovelace ", stylistId: stylist.actor.id, "preferredStyles": ["classic", "minimal"], sizes: { top: "M" }, budgetBand: "100_200" }),
    });
    expect(client.name).toBe("Ada Lovelace");
    expect(client.stylistId).toBe(stylist.actor.id);
    expect(client.preferredStyles).toEqual(["classic", "minimal"]);
    expect(client.marketingConsent).toBe(true);
    const audit = await db.select().from(auditLog).where(eq(auditLog.entityId, client.id));
    expect(audit.map((a) => a.action).sort()).toEqual(["client.consent", "client.create"]);
  });

  it("records who gave or withdrew marketing consent, and only when it was given or changed", async () => {
    const stylist = await userContext("stylist", "Stella Stylist");
    const consentRows = async (clientId: string) =>
      (await db.select().from(auditLog).where(and(eq(auditLog.entityId, clientId), eq(auditLog.action, "client.consent")))).map((a) => ({
        actorId: a.actorId,
        before: a.before,
        consent: (a.after as { marketingConsent: boolean }).marketingConsent,
      }));
    const without = await createClient({ ctx: stylist, input: clientInput({ marketingConsent: undefined }) });
    expect(without.marketingConsent).toBe(false);
    expect(await consentRows(without.id)).toEqual([]);

    const given = await createClient({ ctx: stylist, input: clientInput({ marketingConsent: "on" }) });
    expect(await consentRows(given.id)).toEqual([{ actorId: stylist.actor.id, before: null, consent: true }]);

    const admin = await userContext("admin");
    await updateClient({ ctx: admin, input: { ...clientInput({ marketingConsent: undefined }), email: given.email, clientId: given.id } });
    await updateClient({ ctx: admin, input: { ...clientInput({ marketingConsent: undefined, notes: "no change to consent" }), email: given.email, clientId: given.id } });
    expect(await consentRows(given.id)).toEqual([
      { actorId: stylist.actor.id, before: null, consent: true },
      { actorId: admin.actor.id, before: { marketingConsent: true }, consent: false },
    ]);
  });

  it("never tells a stylist that an email belongs to a client outside their own", async () => {
    const admin = await userContext("admin");
    const ava = await userContext("stylist");
    const mateo = await userContext("stylist");
    const avas = await createClient({ ctx: ava, input: clientInput({ email: "ava.client@example.com" }) });
    await createClient({ ctx: admin, input: clientInput({ email: "unassigned@example.com" }) });
    const mateos = await createClient({ ctx: mateo, input: clientInput({ email: "mateo.client@example.com" }) });

    const refusal = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => (e instanceof ConflictError ? { field: e.field, message: e.message } : e));
    // Another stylist's client and an unassigned one get the same answer, which names nobody.
    const other = await refusal(createClient({ ctx: mateo, input: clientInput({ email: "AVA.client@example.com" }) }));
    const unassigned = await refusal(createClient({ ctx: mateo, input: clientInput({ email: "unassigned@example.com" }) }));
    const moved = await refusal(updateClient({ ctx: mateo, input: { ...clientInput({ email: "ava.client@example.com" }), clientId: mateos.id } }));
    expect(other).toEqual({ field: "email", message: EMAIL_UNAVAILABLE_MESSAGE });
    expect(unassigned).toEqual(other);
    expect(moved).toEqual(other);
    expect(JSON.stringify(other)).not.toMatch(/another client|already uses|stylist/i);
    // The data stays consistent: one client per email, still Ava's, unchanged.
    expect(await db.$count(clients, eq(clients.email, "ava.client@example.com"))).toBe(1);
    expect((await db.select().from(clients).where(eq(clients.id, avas.id)))[0]?.stylistId).toBe(ava.actor.id);
    expect((await db.select().from(clients).where(eq(clients.id, mateos.id)))[0]?.email).toBe("mateo.client@example.com");
    // Their own client is theirs to hear about; admins see every client anyway.
    expect(await refusal(createClient({ ctx: mateo, input: clientInput({ email: "mateo.client@example.com" }) }))).toMatchObject({ message: /You already have a client/ });
    expect(await refusal(createClient({ ctx: admin, input: clientInput({ email: "ava.client@example.com" }) }))).toMatchObject({ message: DUPLICATE_EMAIL_MESSAGE });
  });

  it("names each invalid field and writes nothing", async () => {
    const admin = await userContext("admin");
    const error = await createClient({ ctx: admin, input: { name: "", email: "not-an-email", timezone: "Mars/Olympus", preferredStyles: ["gothic"] } }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(Object.keys((error as ValidationError).fieldErrors).sort()).toEqual(["email", "name", "preferredStyles.0", "timezone"]);
    expect(await db.$count(clients)).toBe(0);
  });

  it("refuses a duplicate email whatever its case, as a conflict on the email field", async () => {
    const admin = await userContext("admin");
    await createClient({ ctx: admin, input: clientInput({ email: "Sam@Example.com" }) });
    const error = await createClient({ ctx: admin, input: clientInput({ email: "sam@example.COM" }) }).catch((e) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).field).toBe("email");
    expect(await db.$count(clients)).toBe(1);
  });

  it("assigns a stylist's new client to that stylist, whatever they ask for", async () => {
    const stylist = await userContext("stylist");
    const other = await userContext("stylist");
    const client = await createClient({ ctx: stylist, input: clientInput({ stylistId: other.actor.id }) });
    expect(client.stylistId).toBe(stylist.actor.id);
  });

  it("rejects assigning a client to someone who is not a stylist", async () => {
    const admin = await userContext("admin");
    const marketer = await userContext("marketer");
    await expect(createClient({ ctx: admin, input: clientInput({ stylistId: marketer.actor.id }) })).rejects.toBeInstanceOf(ValidationError);
  });
});

describe("updateClient", () => {
  it("lets a stylist edit their own client but not another stylist's, even with the id", async () => {
    const admin = await userContext("admin");
    const mine = await userContext("stylist");
    const theirs = await userContext("stylist");
    const client = await createClient({ ctx: admin, input: clientInput({ stylistId: theirs.actor.id }) });

    await expect(updateClient({ ctx: mine, input: { ...clientInput(), clientId: client.id } })).rejects.toBeInstanceOf(NotFoundError);
    const [unchanged] = await db.select().from(clients).where(eq(clients.id, client.id));
    expect(unchanged?.name).toBe(client.name);

    const updated = await updateClient({ ctx: theirs, input: { ...clientInput({ name: "Renamed" }), clientId: client.id } });
    expect(updated.name).toBe("Renamed");
    expect(updated.stylistId).toBe(theirs.actor.id);
  });

  it("records before and after in the audit log", async () => {
    const admin = await userContext("admin");
    const client = await createClient({ ctx: admin, input: clientInput({ name: "Before" }) });
    await updateClient({ ctx: admin, input: { ...clientInput({ name: "After", email: client.email }), clientId: client.id } });
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.action, "client.update"));
    expect((entry?.before as { name: string }).name).toBe("Before");
    expect((entry?.after as { name: string }).name).toBe("After");
  });

  it("rolls back the whole change when the new email is taken", async () => {
    const admin = await userContext("admin");
    const a = await createClient({ ctx: admin, input: clientInput() });
    const b = await createClient({ ctx: admin, input: clientInput({ name: "Keep me" }) });
    await expect(updateClient({ ctx: admin, input: { ...clientInput({ name: "Changed", email: a.email }), clientId: b.id } })).rejects.toBeInstanceOf(ConflictError);
    const [still] = await db.select().from(clients).where(eq(clients.id, b.id));
    expect(still?.name).toBe("Keep me");
    expect(await db.$count(auditLog, eq(auditLog.action, "client.update"))).toBe(0);
  });
});

describe("permissions", () => {
  it("lets a system actor (imports, jobs) create clients, audited as the system", async () => {
    const system = { actor: { type: "system" as const, name: "import" }, db };
    const client = await createClient({ ctx: system, input: clientInput() });
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.entityId, client.id));
    expect(entry?.actorLabel).toBe("system:import");
  });

  it("is refused for a role without the permission", async () => {
    const marketer = await userContext("marketer");
    const { authorize } = await import("@/lib/server/auth/permissions");
    expect(() => authorize(marketer.actor, "settings.manage")).toThrow(ForbiddenError);
  });
});
