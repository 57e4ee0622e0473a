import { describe, expect, it } from "vitest";
import { explainEngagement } from "./drivers";
import { EMPTY_CLIENT_HISTORY, type EngagementOrder, summariseHistory } from "./history";
import { scoreEngagement } from "./score";
import { AS_OF, ordersEvery } from "@/test/domain/engagement-orders";

const explain = (orders: EngagementOrder[], pAlive?: number) =>
  explainEngagement(scoreEngagement({ history: summariseHistory(orders, AS_OF), asOf: AS_OF, pAlive }));

describe("explainEngagement", () => {
  it("leads with the overdue gap for a client who is late", () => {
    const drivers = explain(ordersEvery(28, 6, 46));
    expect(drivers).toHaveLength(3);
    expect(drivers[0]).toEqual({ kind: "recency", effect: "lowers", text: "46 days since last order, usual gap 28 days" });
  });

  it("explains a healthy client by what is going well", () => {
    const drivers = explain(ordersEvery(28, 12, 10));
    expect(drivers.map((d) => d.text)).toEqual([
      "10 days since last order, usual gap 28 days",
      "12 orders in the last 12 months",
      "Average kept value $150 per order, last 5 fixes",
    ]);
    expect(drivers.every((d) => d.effect === "raises")).toBe(true);
  });

  it("reports a poor keep rate in items", () => {
    const orders = [...ordersEvery(20, 4, 10, { itemsShipped: 2, itemsKept: 0, valueCents: 0 }), ...ordersEvery(0, 1, 90, { itemsShipped: 2, itemsKept: 1 })];
    const drivers = explain(orders);
    expect(drivers[0]?.text).toBe("Kept 1 of 10 items, last 5 fixes");
    expect(drivers[0]?.effect).toBe("lowers");
  });

  it("uses the prior interval and singular words for a one-order client", () => {
    const texts = explain(ordersEvery(0, 1, 100)).map((d) => d.text);
    expect(texts[0]).toBe("100 days since last order, no usual gap yet (assumed 42 days)");
    expect(texts).toContain("1 order in the last 12 months");
  });

  it("puts P(alive) first when it capped the tier", () => {
    const drivers = explain(ordersEvery(28, 12, 10), 0.21);
    expect(drivers[0]).toEqual({ kind: "pAlive", effect: "lowers", text: "P(alive) 0.21" });
    expect(drivers).toHaveLength(3);
  });

  it("mentions a middling P(alive) last without letting it push others out of first place", () => {
    const drivers = explain(ordersEvery(28, 6, 46), 0.31);
    expect(drivers[0]?.kind).toBe("recency");
    expect(drivers.at(-1)?.text).toBe("P(alive) 0.31");
    expect(explain(ordersEvery(28, 6, 46), 0.9).some((d) => d.kind === "pAlive")).toBe(false);
  });

  it("says so when there are no orders", () => {
    const result = scoreEngagement({ history: EMPTY_CLIENT_HISTORY, asOf: AS_OF });
    expect(explainEngagement(result)).toEqual([{ kind: "noOrders", effect: "lowers", text: "No orders yet" }]);
  });

  it("is deterministic and honours maxDrivers", () => {
    const result = scoreEngagement({ history: summariseHistory(ordersEvery(30, 8, 50), AS_OF), asOf: AS_OF });
    expect(explainEngagement(result)).toEqual(explainEngagement(result));
    expect(explainEngagement(result, { maxDrivers: 2 })).toHaveLength(2);
    expect(explainEngagement(result, { maxDrivers: 0 })).toEqual([]);
  });
});
