import { describe, expect, it } from "vitest";
import { parseClientListQuery } from "@/lib/domain/clients/list-query";
import { db } from "@/lib/server/db/client";
import { clientScores, clients } from "@/lib/server/db/schema";
import { eq } from "drizzle-orm";
import { userContext } from "@/test/fixtures";
import { countClients, getClientOrThrow, listClients } from "./clients";
import { NotFoundError } from "@/lib/server/errors";

async function seedClients(stylistIds: string[], n: number, prefix = "person") {
  const rows = Array.from({ length: n }, (_, i) => ({
    name: `${prefix === "person" ? "Person" : "Paged"} ${String(i % 7).padStart(2, "0")}`, // many ties on name, so the id tie-breaker matters
    email: `${prefix}${i}@example.com`,
    stylistId: stylistIds[i % stylistIds.length] ?? null,
    orderCount: i % 5,
    lastOrderAt: i % 4 === 0 ? null : new Date(Date.UTC(2026, 0, 1 + (i % 30))),
  }));
  const inserted = await db.insert(clients).values(rows).returning({ id: clients.id });
  // Each client got its client_scores row from the trigger; give most of them a score.
  for (const [i, { id }] of inserted.entries()) {
    // Unscored clients (null) end the score sort either way; a scored client without a model has no P(alive) either,
    // which sorts as -1. Few distinct values, so ties on the score are common too.
    await db
      .update(clientScores)
      .set({ score: i % 6 === 0 ? null : (i % 9) * 10, tier: i % 6 === 0 ? null : TIERS[i % 4], pAlive: i % 5 === 0 ? null : (i % 8) / 8 + 0.01 })
      .where(eq(clientScores.clientId, id));
  }
}

/** Every client with its current scores, as the list joins them. */
async function clientsWithScores(): Promise<Row[]> {
  const rows = await db.select({ client: clients, score: clientScores }).from(clients).innerJoin(clientScores, eq(clientScores.clientId, clients.id));
  return rows.map(({ client, score }) => ({ ...client, engagementScore: score.score, engagementTier: score.tier, pAlive: score.pAlive }));
}

type Query = Record<string, string>;
const TIERS = ["healthy", "watch", "at_risk", "lapsed"] as const;

/** Follows "next" links from the first page to the end, and "previous" links back, collecting ids. */
async function walk(ctx: Awaited<ReturnType<typeof userContext>>, params: Query) {
  const forward: string[][] = [];
  let page = await listClients(ctx, parseClientListQuery(params));
  forward.push(page.rows.map((r) => r.id));
  while (page.nextCursor) {
    page = await listClients(ctx, parseClientListQuery({ ...params, after: page.nextCursor }));
    forward.push(page.rows.map((r) => r.id));
  }
  const backward: string[][] = [page.rows.map((r) => r.id)];
  while (page.previousCursor) {
    page = await listClients(ctx, parseClientListQuery({ ...params, before: page.previousCursor }));
    backward.unshift(page.rows.map((r) => r.id));
  }
  return { forward, backward };
}

describe("listClients", () => {
  // Runs first in this file's own database: the paging cases below share its 83 clients.
  it.each([
    [{ sort: "name" }, (a: Row, b: Row) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)],
    [{ sort: "name", dir: "desc" }, (a: Row, b: Row) => b.name.localeCompare(a.name) || b.id.localeCompare(a.id)],
    [{ sort: "orders" }, (a: Row, b: Row) => b.orderCount - a.orderCount || b.id.localeCompare(a.id)],
    [{ sort: "last_order", dir: "asc" }, (a: Row, b: Row) => time(a) - time(b) || a.id.localeCompare(b.id)],
    [{ sort: "last_order" }, (a: Row, b: Row) => time(b) - time(a) || b.id.localeCompare(a.id)],
    [{ sort: "score" }, (a: Row, b: Row) => score(b) - score(a) || b.id.localeCompare(a.id)],
    // Lowest first still ends with the unscored: the lowest scores lead.
    [{ sort: "score", dir: "asc" }, (a: Row, b: Row) => unscored(a) - unscored(b) || score(a) - score(b) || a.id.localeCompare(b.id)],
    [{ sort: "p_alive" }, (a: Row, b: Row) => pAlive(b) - pAlive(a) || b.id.localeCompare(a.id)],
    [{ sort: "p_alive", dir: "asc" }, (a: Row, b: Row) => pAlive(a) - pAlive(b) || a.id.localeCompare(b.id)],
    [{ sort: "score", dir: "asc", tier: "at_risk,unscored" }, (a: Row, b: Row) => unscored(a) - unscored(b) || score(a) - score(b) || a.id.localeCompare(b.id), (r: Row) => r.engagementTier === "at_risk" || r.engagementTier === null],
    [{ sort: "score", tier: "watch" }, (a: Row, b: Row) => score(b) - score(a) || b.id.localeCompare(a.id), (r: Row) => r.engagementTier === "watch"],
    // Several tiers at once, unscored among them: one page from each tier, merged.
    [{ sort: "score", tier: "lapsed,unscored" }, (a: Row, b: Row) => score(b) - score(a) || b.id.localeCompare(a.id), (r: Row) => r.engagementTier === "lapsed" || r.engagementTier === null],
    [{ sort: "name", tier: "healthy,watch" }, (a: Row, b: Row) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id), (r: Row) => r.engagementTier === "healthy" || r.engagementTier === "watch"],
  ])("pages through every client exactly once, both ways, sorted %o", async (params, compare, keep: (r: Row) => boolean = () => true) => {
    const admin = await userContext("admin");
    if ((await db.$count(clients)) === 0) await seedClients([], 83, "paged");
    const all = (await clientsWithScores()).filter(keep).sort(compare);
    const { forward, backward } = await walk(admin, params as Query);
    expect(forward.flat()).toEqual(all.map((c) => c.id));
    expect(forward.map((p) => p.length)).toEqual(Array.from({ length: Math.ceil(all.length / 25) }, (_, i) => Math.min(25, all.length - i * 25)));
    expect(backward).toEqual(forward);
  });

  it("filters by stylist and by search, and a stylist sees only their own clients", async () => {
    const a = await userContext("stylist");
    const b = await userContext("stylist");
    await seedClients([a.actor.id, b.actor.id], 40);
    const admin = await userContext("admin");

    const byStylist = await listClients(admin, parseClientListQuery({ stylist: b.actor.id }));
    expect(byStylist.rows).toHaveLength(20);
    expect(byStylist.rows.every((r) => r.stylistId === b.actor.id)).toBe(true);

    const atRisk = await listClients(admin, parseClientListQuery({ tier: "at_risk" }));
    expect(atRisk.rows.length).toBeGreaterThan(0);
    expect(atRisk.rows.every((r) => r.engagementTier === "at_risk")).toBe(true);
    const unscored = await listClients(admin, parseClientListQuery({ tier: "unscored", sort: "score" }));
    expect(unscored.rows.map((r) => r.engagementScore)).toEqual(Array(7).fill(null)); // i = 0, 6, …, 36
    expect(await countClients(admin, parseClientListQuery({ tier: "unscored" }))).toEqual({ value: 7, exact: true });

    const search = await listClients(admin, parseClientListQuery({ q: "PERSON1" })); // person1, person10..19
    expect(search.rows.map((r) => r.email).sort()).toEqual(["person1@example.com", ...Array.from({ length: 10 }, (_, i) => `person1${i}@example.com`)].sort());
    expect(await countClients(admin, parseClientListQuery({ q: "person1" }))).toEqual({ value: 11, exact: true });

    const own = await listClients(a, parseClientListQuery({ stylist: b.actor.id }));
    expect(own.rows).toHaveLength(0);
    const mine = await walk(a, {});
    expect(mine.forward.flat()).toHaveLength(20);
    const other = byStylist.rows[0];
    if (!other) throw new Error("expected a client");
    await expect(getClientOrThrow(a, other.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("treats LIKE wildcards in a search as plain text", async () => {
    const admin = await userContext("admin");
    await db.insert(clients).values([
      { name: "100% Cotton", email: "cotton@example.com" },
      { name: "Plain", email: "plain@example.com" },
    ]);
    const found = await listClients(admin, parseClientListQuery({ q: "100%" }));
    expect(found.rows.map((r) => r.name)).toEqual(["100% Cotton"]);
    const underscore = await listClients(admin, parseClientListQuery({ q: "_" }));
    expect(underscore.rows).toHaveLength(0);
  });

  it("answers a hand-made cursor that this list could not have made with the first page, never a database error", async () => {
    const admin = await userContext("admin");
    await db.insert(clients).values([
      { name: "Ann", email: "ann@example.com", orderCount: 3, lastOrderAt: new Date("2026-01-02T00:00:00Z") },
      { name: "Ben", email: "ben@example.com", orderCount: 1 },
    ]);
    const first = await listClients(admin, parseClientListQuery({ sort: "orders" }));
    const id = "7f1c2a56-0f3b-4c8e-9a1d-2b3c4d5e6f70";
    const handMade = (value: unknown) => Buffer.from(JSON.stringify([value, id])).toString("base64url");
    const cases: [string, unknown][] = [
      ["orders", "lots"],
      ["orders", 1e20],
      ["orders", 1.5],
      ["orders", -3],
      ["score", "high"],
      ["score", 1e20],
      ["p_alive", "0.5; drop table clients"],
      ["p_alive", 1e20],
      ["last_order", "not a date"],
      ["last_order", "2026-13-45T99:00:00Z"],
      ["last_order", 12],
      ["name", 42],
      ["name", "Ann\u0000"],
    ];
    for (const [sort, value] of cases) {
      for (const direction of ["after", "before"] as const) {
        const page = await listClients(admin, parseClientListQuery({ sort, [direction]: handMade(value) }));
        expect({ sort, value, direction, ids: page.rows.map((r) => r.id).sort() }).toEqual({ sort, value, direction, ids: first.rows.map((r) => r.id).sort() });
      }
    }
  });
});

type Row = { id: string; name: string; orderCount: number; lastOrderAt: Date | null; engagementScore: number | null; engagementTier: string | null; pAlive: number | null };
const score = (r: Row) => r.engagementScore ?? -1;
const pAlive = (r: Row) => r.pAlive ?? -1;
const unscored = (r: Row) => (r.engagementScore === null ? 1 : 0);
// Never-ordered clients sort as the oldest, as in the list.
function time(r: Row) {
  return r.lastOrderAt?.getTime() ?? -8.64e15;
}
