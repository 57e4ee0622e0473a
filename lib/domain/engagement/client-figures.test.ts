import { describe, expect, it } from "vitest";
import { clientFigures, recentWindowText } from "./client-figures";
import { explainEngagement } from "./drivers";
import { summariseHistory } from "./history";
import { scoreEngagement } from "./score";
import { DEFAULT_ENGAGEMENT_SETTINGS } from "./settings";
import { AS_OF, daysAgo, ordersEvery } from "./test-orders";

const settings = DEFAULT_ENGAGEMENT_SETTINGS;

describe("clientFigures", () => {
  // Uneven gaps: the median (62) and the mean (63) differ, which is how the page once disagreed with itself.
  const orders = [0, 60, 122, 189, 252].map((d, i) => ({ orderedAt: daysAgo(300 - d), itemsShipped: 5, itemsKept: i % 2 ? 1 : 4, valueCents: 10_000 * (i + 1), status: "shipped" as const }));
  const withOld = [...ordersEvery(30, 3, 400, { valueCents: 90_000, itemsKept: 0 }), ...orders];

  it("says what the reasons say: the usual gap, the keep rate and the average value of the last 5 fixes", () => {
    const figures = clientFigures(withOld, AS_OF, settings);
    const all = explainAll(withOld);
    expect(figures).toMatchObject({ orderCount: 8, recentWindow: 5, recentItemsKept: 14, recentItemsShipped: 25, averageKeptValueCents: 30_000 });
    expect(all).toContain(`Kept ${figures.recentItemsKept} of the last ${figures.recentItemsShipped} items`);
    expect(all).toContain("Average kept value $300 per order");
    expect(all.some((t) => t.includes(`usual gap ${figures.usualGapDays} days`))).toBe(true);
  });

  it("counts cancelled fixes apart and leaves them out of every figure", () => {
    const cancelled = { orderedAt: daysAgo(21), itemsShipped: 5, itemsKept: 0, valueCents: 0, status: "cancelled" as const };
    const figures = clientFigures([...orders, cancelled], AS_OF, settings);
    expect(figures).toMatchObject({ orderCount: 5, cancelledCount: 1, lastOrderAt: orders.at(-1)?.orderedAt });
    expect(figures).toMatchObject({ ...clientFigures(orders, AS_OF, settings), cancelledCount: 1 });
  });

  it("has no usual gap before the second order day", () => {
    expect(clientFigures(ordersEvery(30, 1, 5), AS_OF, settings)).toMatchObject({ usualGapDays: null, recentWindow: 1 });
    expect(recentWindowText(1)).toBe("the only fix so far");
    expect(recentWindowText(5)).toBe("last 5 fixes");
  });
});

/** Every reason the page could show, not only the top three. */
function explainAll(orders: Parameters<typeof clientFigures>[0]) {
  const result = scoreEngagement({ history: summariseHistory(orders, AS_OF), asOf: AS_OF, settings });
  return explainEngagement(result, { settings, maxDrivers: 10 }).map((d) => d.text);
}
