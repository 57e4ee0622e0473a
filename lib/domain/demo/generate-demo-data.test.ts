import { afterEach, describe, expect, it, vi } from "vitest";
import { ARCHETYPES, DAY_MS, demoStaff, generateDemoClientChunks, HISTORY_DAYS, type DemoClient } from "./index";

const asOf = new Date("2026-05-01T12:00:00Z");
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const generate = (clients: number, seed = 7, chunkSize?: number): DemoClient[] =>
  [...generateDemoClientChunks({ seed, asOf, clients, chunkSize })].flat();

afterEach(() => vi.restoreAllMocks());

describe("demo data determinism", () => {
  it("gives identical clients for the same seed and asOf, without touching Math.random or the clock", () => {
    vi.spyOn(Math, "random").mockImplementation(() => {
      throw new Error("Math.random used");
    });
    vi.spyOn(Date, "now").mockImplementation(() => {
      throw new Error("Date.now used");
    });
    expect(generate(300)).toEqual(generate(300));
  });

  it("does not depend on chunk size or on how many clients are generated", () => {
    const reference = generate(250, 7, 1000);
    expect(generate(250, 7, 7)).toEqual(reference);
    expect(generate(100)).toEqual(reference.slice(0, 100));
  });

  it("changes with the seed", () => {
    const [a] = generate(1, 1);
    const [b] = generate(1, 2);
    expect(a?.id).not.toEqual(b?.id);
    expect(demoStaff({ seed: 1 })[0]?.id).not.toEqual(demoStaff({ seed: 2 })[0]?.id);
  });

  it("yields chunks of the requested size", () => {
    const sizes = [...generateDemoClientChunks({ seed: 1, asOf, clients: 25, chunkSize: 10 })].map((c) => c.length);
    expect(sizes).toEqual([10, 10, 5]);
  });
});

describe("demo staff", () => {
  it("has one admin, one marketer and eight stylists on the .test domain", () => {
    const staff = demoStaff({ seed: 1 });
    expect(staff.filter((u) => u.role === "admin").map((u) => [u.name, u.email])).toEqual([["Alex Admin", "admin@rekindle.test"]]);
    expect(staff.filter((u) => u.role === "marketer").map((u) => [u.name, u.email])).toEqual([["Morgan Marketer", "marketer@rekindle.test"]]);
    const stylists = staff.filter((u) => u.role === "stylist");
    expect(stylists).toHaveLength(8);
    expect(stylists[0]?.email).toBe("ava.stylist@rekindle.test");
    expect(new Set(staff.map((u) => u.email.toLowerCase())).size).toBe(staff.length);
  });

  it("keeps emails unique beyond the name list", () => {
    const staff = demoStaff({ seed: 1, stylists: 60 });
    expect(new Set(staff.map((u) => u.email)).size).toBe(62);
  });
});

describe("demo data distribution (2,000 clients)", () => {
  const clients = generate(2000, 1);
  const orders = clients.flatMap((c) => c.orders);
  const stylistIds = new Set(demoStaff({ seed: 1 }).filter((u) => u.role === "stylist").map((u) => u.id));

  it("averages about ten orders per client", () => {
    expect(orders.length / clients.length).toBeGreaterThan(8.5);
    expect(orders.length / clients.length).toBeLessThan(11.5);
  });

  it("mixes every archetype in roughly the intended shares", () => {
    for (const archetype of ARCHETYPES) {
      const share = clients.filter((c) => c.archetype === archetype).length / clients.length;
      expect(share, archetype).toBeGreaterThan(0.03);
      expect(share, archetype).toBeLessThan(0.5);
    }
  });

  it("puts lapsed clients' last order over 120 days back and new clients' first order in the last six weeks", () => {
    const ms = asOf.getTime();
    for (const client of clients.filter((c) => c.archetype === "lapsed")) {
      expect(ms - Math.max(...client.orders.map((o) => o.orderedAt.getTime()))).toBeGreaterThan(120 * DAY_MS);
    }
    for (const client of clients.filter((c) => c.archetype === "new")) {
      expect(client.orders.length).toBeGreaterThanOrEqual(1);
      expect(client.orders.length).toBeLessThanOrEqual(2);
      expect(ms - (client.orders[0]?.orderedAt.getTime() ?? 0)).toBeLessThan(44 * DAY_MS);
    }
  });

  it("keeps orders inside the two-year window, in order, with consistent outcomes", () => {
    const start = asOf.getTime() - HISTORY_DAYS * DAY_MS;
    for (const client of clients) {
      let previous = -Infinity;
      for (const order of client.orders) {
        const at = order.orderedAt.getTime();
        expect(at).toBeGreaterThanOrEqual(Math.max(start, previous));
        expect(at).toBeLessThanOrEqual(asOf.getTime());
        expect(order.updatedAt.getTime()).toBeGreaterThanOrEqual(at);
        expect(order.itemsKept).toBeGreaterThanOrEqual(0);
        expect(order.itemsKept).toBeLessThanOrEqual(order.itemsShipped);
        expect(order.valueCents > 0).toBe(order.itemsKept > 0);
        expect(Number.isInteger(order.valueCents)).toBe(true);
        if (order.status !== "shipped") expect(order.itemsKept).toBe(0);
        previous = at;
      }
    }
  });

  it("has mostly shipped fixes with a small share cancelled or returned, and placed only as the latest order", () => {
    const share = (status: string) => orders.filter((o) => o.status === status).length / orders.length;
    expect(share("shipped")).toBeGreaterThan(0.85);
    expect(share("cancelled")).toBeGreaterThan(0.01);
    expect(share("cancelled")).toBeLessThan(0.05);
    expect(share("returned")).toBeGreaterThan(0.02);
    expect(share("returned")).toBeLessThan(0.12);
    for (const client of clients) {
      client.orders.slice(0, -1).forEach((o) => expect(o.status).not.toBe("placed"));
    }
    expect(share("placed")).toBeGreaterThan(0);
  });

  it("summarises each client's non-cancelled orders in lastOrderAt and orderCount", () => {
    for (const client of clients) {
      const counted = client.orders.filter((o) => o.status !== "cancelled");
      expect(client.orderCount).toBe(counted.length);
      const latest = counted.length ? Math.max(...counted.map((o) => o.orderedAt.getTime())) : null;
      expect(client.lastOrderAt?.getTime() ?? null).toBe(latest);
    }
  });

  it("makes ids valid and unique, emails unique ignoring case, and assigns every client a stylist", () => {
    const ids = [...clients.map((c) => c.id), ...orders.map((o) => o.id)];
    ids.forEach((id) => expect(id).toMatch(UUID_V4));
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(orders.map((o) => o.externalId)).size).toBe(orders.length);
    expect(new Set(clients.map((c) => c.email.toLowerCase())).size).toBe(clients.length);
    clients.forEach((c) => expect(c.email).toMatch(/^[a-z_.]+\d+@[a-z]+\.test$/));
    clients.forEach((c) => expect(stylistIds.has(c.stylistId)).toBe(true));
    expect(new Set(clients.map((c) => c.stylistId)).size).toBe(stylistIds.size);
  });

  it("links price level to budget band and varies keep rates between clients", () => {
    const perItem = (band: string) => {
      const kept = clients.filter((c) => c.budgetBand === band).flatMap((c) => c.orders);
      return kept.reduce((s, o) => s + o.valueCents, 0) / kept.reduce((s, o) => s + o.itemsKept, 0);
    };
    expect(perItem("under_50")).toBeLessThan(perItem("50_100"));
    expect(perItem("50_100")).toBeLessThan(perItem("100_200"));
    expect(perItem("100_200")).toBeLessThan(perItem("200_plus"));
    const keepRates = clients
      .map((c) => c.orders.filter((o) => o.status !== "cancelled" && o.status !== "placed"))
      .filter((os) => os.length >= 5)
      .map((os) => os.reduce((s, o) => s + o.itemsKept, 0) / os.reduce((s, o) => s + o.itemsShipped, 0));
    expect(Math.min(...keepRates)).toBeLessThan(0.25);
    expect(Math.max(...keepRates)).toBeGreaterThan(0.65);
  });

  it("fills profiles: most consent to marketing, some have notes, every client has 1-3 styles", () => {
    expect(clients.filter((c) => c.marketingConsent).length / clients.length).toBeGreaterThan(0.75);
    const withNotes = clients.filter((c) => c.notes !== "").length / clients.length;
    expect(withNotes).toBeGreaterThan(0.15);
    expect(withNotes).toBeLessThan(0.5);
    clients.forEach((c) => expect(c.preferredStyles.length).toBeGreaterThanOrEqual(1));
    clients.forEach((c) => expect(c.preferredStyles.length).toBeLessThanOrEqual(3));
    expect(new Set(clients.map((c) => c.timezone)).size).toBeGreaterThan(5);
  });
});
