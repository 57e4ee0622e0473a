import { describe, expect, it } from "vitest";
import { ingestOrder as order } from "@/test/ingest-orders";
import { applyOrderSets, newestPerOrder } from "./order-versions";

const ms = (iso: string) => new Date(iso).getTime();

describe("newestPerOrder", () => {
  it("keeps the newest version of an order sent twice, the first of equals", () => {
    const orders = [order("A", "2026-05-02T00:00:00Z"), order("B", "2026-05-02T00:00:00Z"), order("A", "2026-05-03T00:00:00Z"), order("B", "2026-05-02T00:00:00Z")];
    expect([...newestPerOrder(orders)]).toEqual([
      ["A", 2],
      ["B", 1],
    ]);
  });
});

describe("applyOrderSets", () => {
  it("creates an unknown order, then updates it from a later set with a newer version", () => {
    const { outcomes, writes } = applyOrderSets(
      [
        { source: "oms", orders: [order("A", "2026-05-02T00:00:00Z", { itemsKept: 1 })] },
        { source: "oms", orders: [order("A", "2026-05-03T00:00:00Z", { itemsKept: 3 })] },
      ],
      [],
    );
    expect(outcomes).toEqual([["created"], ["updated"]]);
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatchObject({ source: "oms", kind: "insert", order: { itemsKept: 3 } });
  });

  it("leaves an order unchanged by a later set carrying an older or equal version", () => {
    const { outcomes, writes } = applyOrderSets(
      [
        { source: "oms", orders: [order("A", "2026-05-03T00:00:00Z", { itemsKept: 3 })] },
        { source: "oms", orders: [order("A", "2026-05-02T00:00:00Z", { itemsKept: 1 })] },
        { source: "oms", orders: [order("A", "2026-05-03T00:00:00Z", { itemsKept: 4 })] },
      ],
      [],
    );
    expect(outcomes).toEqual([["created"], ["unchanged"], ["unchanged"]]);
    expect(writes.map((w) => w.order.itemsKept)).toEqual([3]);
  });

  it("compares with the stored version: newer replaces it, older or equal does not", () => {
    const stored = [
      { source: "oms", externalId: "A", updatedAtMs: ms("2026-05-02T00:00:00Z") },
      { source: "oms", externalId: "B", updatedAtMs: ms("2026-05-02T00:00:00Z") + 0.5 },
      { source: "oms", externalId: "C", updatedAtMs: null },
    ];
    const { outcomes, writes } = applyOrderSets(
      [{ source: "oms", orders: [order("A", "2026-05-03T00:00:00Z"), order("B", "2026-05-02T00:00:00Z"), order("C", "2020-01-01T00:00:00Z")] }],
      stored,
    );
    expect(outcomes).toEqual([["updated", "unchanged", "updated"]]);
    expect(writes.map((w) => [w.order.externalId, w.kind])).toEqual([
      ["A", "update"],
      ["C", "update"],
    ]);
  });

  it("keeps orders of different sources apart, and within a set reports the older copy unchanged", () => {
    const { outcomes, writes } = applyOrderSets(
      [
        { source: "oms", orders: [order("A", "2026-05-02T00:00:00Z"), order("A", "2026-05-04T00:00:00Z")] },
        { source: "shop", orders: [order("A", "2026-05-01T00:00:00Z")] },
      ],
      [{ source: "oms", externalId: "A", updatedAtMs: ms("2026-05-03T00:00:00Z") }],
    );
    expect(outcomes).toEqual([["unchanged", "updated"], ["created"]]);
    expect(writes.map((w) => [w.source, w.kind, w.order.updatedAt.toISOString()])).toEqual([
      ["oms", "update", "2026-05-04T00:00:00.000Z"],
      ["shop", "insert", "2026-05-01T00:00:00.000Z"],
    ]);
  });

  it("reports a newer version with the stored content unchanged and writes its version alone, unless an earlier set changed it", () => {
    const contentOf = (_source: string, o: { itemsKept: number }) => `kept ${o.itemsKept}`;
    const stored = [
      { source: "oms", externalId: "A", updatedAtMs: ms("2026-05-01T00:00:00Z"), content: "kept 1" },
      { source: "oms", externalId: "B", updatedAtMs: ms("2026-05-01T00:00:00Z"), content: "kept 1" },
    ];
    const { outcomes, writes } = applyOrderSets(
      [
        { source: "oms", orders: [order("A", "2026-05-02T00:00:00Z", { itemsKept: 1 }), order("B", "2026-05-02T00:00:00Z", { itemsKept: 2 })] },
        { source: "oms", orders: [order("B", "2026-05-03T00:00:00Z", { itemsKept: 2 })] },
      ],
      stored,
      contentOf,
    );
    expect(outcomes).toEqual([["unchanged", "updated"], ["unchanged"]]);
    // B's final write still carries the content the first set changed, as an update.
    expect(writes.map((w) => [w.order.externalId, w.kind, w.order.updatedAt.toISOString()])).toEqual([
      ["A", "version", "2026-05-02T00:00:00.000Z"],
      ["B", "update", "2026-05-03T00:00:00.000Z"],
    ]);
  });

  it("changes an order back when a later set restores the stored content after an earlier one changed it", () => {
    const contentOf = (_source: string, o: { itemsKept: number }) => `kept ${o.itemsKept}`;
    const { outcomes, writes } = applyOrderSets(
      [
        { source: "oms", orders: [order("A", "2026-05-02T00:00:00Z", { itemsKept: 2 })] },
        { source: "oms", orders: [order("A", "2026-05-03T00:00:00Z", { itemsKept: 1 })] },
      ],
      [{ source: "oms", externalId: "A", updatedAtMs: ms("2026-05-01T00:00:00Z"), content: "kept 1" }],
      contentOf,
    );
    expect(outcomes).toEqual([["updated"], ["updated"]]);
    expect(writes.map((w) => [w.kind, w.order.itemsKept])).toEqual([["update", 1]]);
  });
});
