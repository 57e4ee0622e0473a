import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { auditLog, clients, clientScores, users } from "@/lib/server/db/schema";
import { ForbiddenError, ValidationError } from "@/lib/server/errors";
import { untyped, userContext } from "@/test/fixtures";
import { reassignClients } from "./reassign-clients";

async function client(name: string, stylistId: string | null, tier: "healthy" | "at_risk" | null = null) {
  const [row] = await db.insert(clients).values({ name, email: `${name.toLowerCase()}@example.com`, stylistId }).returning({ id: clients.id });
  if (!row) throw new Error("no client");
  await db.update(clientScores).set({ tier, score: tier ? 50 : null }).where(eq(clientScores.clientId, row.id));
  return row.id;
}
const stylistOf = async (id: string) => (await db.select({ s: clients.stylistId }).from(clients).where(eq(clients.id, id)))[0]?.s;

describe("reassignClients", () => {
  it("moves the ticked clients to the stylist, with one audit row", async () => {
    const marketer = await userContext("marketer");
    const from = await userContext("stylist");
    const to = await userContext("stylist");
    const a = await client("Ann", from.actor.id);
    const b = await client("Bo", null);
    const c = await client("Cy", from.actor.id);
    const result = await reassignClients({ ctx: marketer, input: { to: to.actor.id, scope: "selected", clientIds: [a, b] } });
    expect(result).toEqual({ moved: 2, stylistName: to.actor.name });
    expect([await stylistOf(a), await stylistOf(b), await stylistOf(c)]).toEqual([to.actor.id, to.actor.id, from.actor.id]);
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.action, "clients.reassign"));
    expect(audit).toMatchObject({ actorId: marketer.actor.id, entityType: "client" });
    expect(audit?.after).toMatchObject({ stylistId: to.actor.id, scope: "selected", count: 2 });
  });

  it("moves every client the list's filters match", async () => {
    const admin = await userContext("admin");
    const from = await userContext("stylist");
    const to = await userContext("stylist");
    const risky = await client("Risky", from.actor.id, "at_risk");
    const fine = await client("Fine", from.actor.id, "healthy");
    const other = await client("Other", null, "at_risk");
    const result = await reassignClients({ ctx: admin, input: { to: to.actor.id, scope: "filtered", filters: `stylist=${from.actor.id}&tier=at_risk` } });
    expect(result.moved).toBe(1);
    expect([await stylistOf(risky), await stylistOf(fine), await stylistOf(other)]).toEqual([to.actor.id, from.actor.id, null]);
  });

  it("refuses stylists, and names the field for no selection or a target who is not an active stylist", async () => {
    const stylist = await userContext("stylist");
    const admin = await userContext("admin");
    const id = await client("Ann", stylist.actor.id);
    await expect(reassignClients({ ctx: stylist, input: { to: stylist.actor.id, scope: "selected", clientIds: [id] } })).rejects.toBeInstanceOf(ForbiddenError);

    const none = await reassignClients({ ctx: admin, input: { to: stylist.actor.id, scope: "selected" } }).catch((e: unknown) => e);
    expect(none).toBeInstanceOf(ValidationError);
    expect(Object.keys((none as ValidationError).fieldErrors)).toEqual(["clientIds"]);

    const notStylist = await reassignClients({ ctx: admin, input: { to: admin.actor.id, scope: "selected", clientIds: [id] } }).catch((e: unknown) => e);
    expect((notStylist as ValidationError).fieldErrors).toEqual({ to: ["Choose an active stylist"] });
    await db.update(users).set({ deactivatedAt: new Date() }).where(eq(users.id, stylist.actor.id));
    const inactive = await reassignClients({ ctx: admin, input: { to: stylist.actor.id, scope: "filtered" } }).catch((e: unknown) => e);
    expect(inactive).toBeInstanceOf(ValidationError);

    const bad = await reassignClients({ ctx: admin, input: untyped({ to: "nope", scope: "everyone" }) }).catch((e: unknown) => e);
    expect(Object.keys((bad as ValidationError).fieldErrors).sort()).toEqual(["scope", "to"]);
    expect(await db.$count(auditLog)).toBe(0);
  });
});
