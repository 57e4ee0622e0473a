import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { auditLog, clients } from "@/lib/server/db/schema";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { clientInput, userContext } from "@/test/fixtures";
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
    expect(audit.map((a) => a.action)).toEqual(["client.create"]);
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
