import { describe, expect, it } from "vitest";
import { assessEngagement, bgNbdOnly } from "./assess";
import { summariseHistory } from "./history";
import { scoreOverTime } from "./score-over-time";
import { DEFAULT_ENGAGEMENT_SETTINGS } from "./settings";
import { AS_OF, daysAgo, ordersEvery } from "@/test/domain/engagement-orders";

const MODEL = bgNbdOnly({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 });
const settings = DEFAULT_ENGAGEMENT_SETTINGS;

describe("scoreOverTime", () => {
  it("gives one point a week from the first order to today, oldest first, each scored as a rescoring would have then", () => {
    const orders = ordersEvery(30, 6, 10); // first order 160 days ago
    const points = scoreOverTime({ orders, until: AS_OF, settings, model: MODEL });
    expect(points).toHaveLength(Math.floor(160 / 7) + 1);
    expect(points.at(-1)?.asOf).toEqual(AS_OF);
    expect((points[1]?.asOf.getTime() ?? 0) - (points[0]?.asOf.getTime() ?? 0)).toBe(7 * 86_400_000);
    for (const point of [points[0], points[10], points.at(-1)].filter((p) => p !== undefined)) {
      const expected = assessEngagement({ history: summariseHistory(orders, point.asOf), asOf: point.asOf, settings, model: MODEL });
      expect(point).toMatchObject({ score: expected.score, tier: expected.tier });
    }
  });

  it("shows a client slipping week by week once they stop ordering", () => {
    const points = scoreOverTime({ orders: ordersEvery(30, 8, 200), until: AS_OF, settings, model: MODEL, weeks: 30 });
    expect(points).toHaveLength(30);
    expect(points.at(-1)?.score).toBeLessThan(points[0]?.score ?? 0);
    expect(points.at(-1)?.tier).toBe("lapsed");
  });

  it("ignores cancelled orders, and is empty for a client with none counted", () => {
    const cancelled = [{ orderedAt: daysAgo(3), itemsShipped: 5, itemsKept: 0, valueCents: 0, status: "cancelled" as const }];
    expect(scoreOverTime({ orders: cancelled, until: AS_OF, settings, model: null })).toEqual([]);
    expect(scoreOverTime({ orders: [...cancelled, ...ordersEvery(30, 1, 3)], until: AS_OF, settings, model: null })).toHaveLength(1);
  });
});
