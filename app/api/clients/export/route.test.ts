import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import type { UserActor } from "@/lib/domain/access/policy";
import { db } from "@/lib/server/db/client";
import { clients, clientScores } from "@/lib/server/db/schema";
import { userContext } from "@/test/fixtures";
import { GET } from "./route";

// The session is the one thing replaced: requests run as `session.actor`.
const session = vi.hoisted(() => ({ actor: null as UserActor | null }));
vi.mock("@/lib/server/auth/session", () => ({ currentActor: async () => session.actor }));

const request = (query: string) => new Request(`http://localhost/api/clients/export${query}`);

async function scoredClient(stylistId: string, name: string, tier: "healthy" | "at_risk", score: number) {
  const [row] = await db.insert(clients).values({ name, email: `${name.replace(/\W/g, "").toLowerCase()}@example.com`, stylistId }).returning();
  if (!row) throw new Error("no client");
  await db.update(clientScores).set({ tier, score }).where(eq(clientScores.clientId, row.id));
  return row.id;
}

describe("GET /api/clients/export", () => {
  it("answers 401 without a session", async () => {
    session.actor = null;
    expect((await GET(request(""))).status).toBe(401);
  });

  it("exports the filtered list in its order, only the stylist's own clients, as CSV", async () => {
    const ann = await userContext("stylist");
    const bob = await userContext("stylist");
    await scoredClient(ann.actor.id, "Low, Risky", "at_risk", 20);
    await scoredClient(ann.actor.id, "Mid Risky", "at_risk", 35);
    await scoredClient(ann.actor.id, "Fine", "healthy", 80);
    await scoredClient(bob.actor.id, "Bob's risky", "at_risk", 10);

    session.actor = ann.actor;
    const response = await GET(request("?tier=at_risk&sort=score&dir=asc"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="clients-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = (await response.text()).trim().split("\r\n");
    expect(lines[0]).toBe("id,name,email,stylist,tier,score,p_alive,orders,last_order_at");
    // Lowest score first, as asked; Fine is healthy and Bob's client is not Ann's.
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^[0-9a-f-]{36},"Low, Risky",lowrisky@example.com,[^,]*,at_risk,20,/);
    expect(lines[2]).toMatch(/^[0-9a-f-]{36},Mid Risky,midrisky@example.com,[^,]*,at_risk,35,/);

    session.actor = (await userContext("marketer")).actor;
    const all = (await (await GET(request("?tier=at_risk"))).text()).trim().split("\r\n");
    expect(all).toHaveLength(4);
    // The new filters too: tiers as repeated checkboxes and a score range.
    const ranged = (await (await GET(request("?tier=at_risk&tier=healthy&scoreMin=15&scoreMax=80&sort=score"))).text()).trim().split("\r\n");
    expect(ranged.slice(1).map((line) => line.split(",").at(-4))).toEqual(["80", "35", "20"]);
  });
});
