import { describe, expect, it } from "vitest";
import { parseAuditQuery } from "@/lib/domain/audit/audit-query";
import { db } from "@/lib/server/db/client";
import { auditLog } from "@/lib/server/db/schema";
import { createClient } from "@/lib/server/services/clients/create-client";
import { updateClient } from "@/lib/server/services/clients/update-client";
import { cancelOrder } from "@/lib/server/services/orders/cancel-order";
import { createOrder } from "@/lib/server/services/orders/create-order";
import { changeUserRole } from "@/lib/server/services/users/change-user-role";
import { clientInput, orderInput, userContext } from "@/test/fixtures";
import { AUDIT_PAGE_SIZE, listAuditEntries } from "./audit";

describe("the audit log", () => {
  it("names whom each entry is about: the user whose role changed, the client of a cancelled order or an updated profile", async () => {
    const admin = await userContext("admin", "Alex Admin");
    const marketer = await userContext("marketer", "Morgan Marketer");
    const stylist = await userContext("stylist", "Priya Shah");
    await changeUserRole({ ctx: admin, input: { userId: stylist.actor.id, role: "marketer" } });
    const client = await createClient({ ctx: marketer, input: clientInput({ name: "Ada Lovelace", preferredStyles: ["classic", "minimal"] }) });
    const profile = clientInput({ name: "Ada Lovelace", email: client.email, preferredStyles: ["minimal", "classic"] });
    await updateClient({ ctx: marketer, input: { ...profile, clientId: client.id } }); // only reordered: not a change
    await updateClient({ ctx: marketer, input: { ...profile, notes: "Prefers linen", clientId: client.id } });
    const order = await createOrder({ ctx: marketer, input: { ...orderInput(), clientId: client.id } });
    await cancelOrder({ ctx: marketer, input: { orderId: order.id } });

    const { entries } = await listAuditEntries(admin);
    expect(entries.filter((e) => e.action === "client.update")).toHaveLength(1);
    const about = Object.fromEntries(entries.map((e) => [e.action, e.subjectName]));
    expect(about).toMatchObject({ "user.role.change": "Priya Shah", "client.update": "Ada Lovelace", "order.cancel": "Ada Lovelace", "order.create": "Ada Lovelace" });
    expect(entries.find((e) => e.action === "order.cancel")?.subjectClientId).toBe(client.id);

    // Filters: by actor, by action, by whom it is about.
    const byMarketer = await listAuditEntries(admin, parseAuditQuery({ actor: marketer.actor.id }));
    expect(new Set(byMarketer.entries.map((e) => e.actorLabel))).toEqual(new Set(["Morgan Marketer"]));
    expect((await listAuditEntries(admin, parseAuditQuery({ action: "order.cancel" }))).entries.map((e) => e.subjectName)).toEqual(["Ada Lovelace"]);
    expect((await listAuditEntries(admin, parseAuditQuery({ subject: "priya" }))).entries.map((e) => e.action)).toEqual(["user.role.change"]);
  });

  it("pages through older entries without skipping or repeating any", async () => {
    const admin = await userContext("admin");
    for (let i = 0; i < AUDIT_PAGE_SIZE + 5; i++) await createClient({ ctx: admin, input: clientInput() });
    const total = await db.$count(auditLog);
    const seen: string[] = [];
    let page = await listAuditEntries(admin);
    for (;;) {
      seen.push(...page.entries.map((e) => e.id));
      const last = page.entries.at(-1);
      if (!page.hasMore || !last) break;
      expect(page.entries).toHaveLength(AUDIT_PAGE_SIZE);
      page = await listAuditEntries(admin, { before: { at: last.createdAt, id: last.id } });
    }
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
  });

});
