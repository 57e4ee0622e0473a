import { describe, expect, it } from "vitest";
import { clientPicture, nextOrderBasisText } from "./client-figures";
import { explainEngagement, recentWindowText } from "./drivers";
import { DAY_MS, type EngagementOrder, summariseHistory } from "./history";
import { scoreEngagement } from "./score";
import { DEFAULT_ENGAGEMENT_SETTINGS } from "./settings";
import { AS_OF, daysAgo, ordersEvery } from "@/test/domain/engagement-orders";

const settings = DEFAULT_ENGAGEMENT_SETTINGS;
const picture = (orders: EngagementOrder[]) => clientPicture({ orders, asOf: AS_OF, settings, model: null });

describe("clientPicture", () => {
  // Uneven gaps: the median (62) and the mean (63) differ, which is how the page once disagreed with itself.
  const orders = [0, 60, 122, 189, 252].map((d, i) => ({ orderedAt: daysAgo(300 - d), itemsShipped: 5, itemsKept: i % 2 ? 1 : 4, valueCents: 10_000 * (i + 1), status: "shipped" as const }));
  const withOld = [...ordersEvery(30, 3, 400, { valueCents: 90_000, itemsKept: 0 }), ...orders];

  it("says what the reasons say: the usual gap, the keep rate and the average value of the last 5 fixes", () => {
    const { figures, assessment } = picture(withOld);
    const all = explainAll(withOld);
    expect(figures).toMatchObject({ orderCount: 8, recentWindow: 5, recentItemsKept: 14, recentItemsShipped: 25, averageKeptValueCents: 30_000 });
    expect(all).toContain("Kept 14 of 25 items, last 5 fixes");
    expect(all).toContain("Average kept value $300 per order, last 5 fixes");
    expect(all.some((t) => t.includes(`usual gap ${figures.usualGapDays} days`))).toBe(true);
    // The page's reasons are this very assessment's.
    expect(assessment?.drivers.every((d) => all.includes(d.text))).toBe(true);
  });

  it("dates the next order by the shown rhythm: last order + the usual gap, late when that has passed", () => {
    const { figures } = picture(withOld);
    const gap = figures.usualGapDays ?? 0;
    expect(figures.nextOrder).toMatchObject({ basis: "rhythm", gapDays: gap });
    expect(figures.nextOrder.dueAt?.getTime()).toBe((figures.lastOrderAt?.getTime() ?? 0) + gap * DAY_MS);
    expect(figures.nextOrder.daysLate).toBe(0);

    const late = picture(ordersEvery(28, 6, 46)).figures;
    expect(late.nextOrder).toMatchObject({ basis: "rhythm", gapDays: 28, daysLate: 18, dueAt: daysAgo(18) });
    expect(nextOrderBasisText(late)).toBe("Last order + usual gap of 28 days; 18 days late");

    const onTime = picture(ordersEvery(30, 4, 10)).figures;
    expect(onTime.nextOrder).toMatchObject({ basis: "rhythm", gapDays: 30, daysLate: 0, dueAt: daysAgo(-20) });
    expect(nextOrderBasisText(onTime)).toBe("Last order + usual gap of 30 days");
  });

  it("gives a one-order client the shop's assumed gap, and says so", () => {
    const { figures } = picture(ordersEvery(0, 1, 5));
    expect(figures).toMatchObject({ usualGapDays: null, recentWindow: 1, nextOrder: { basis: "assumed", gapDays: 42, daysLate: 0, dueAt: daysAgo(5 - 42) } });
    expect(nextOrderBasisText(figures)).toBe("Only one order day so far: last order + the assumed gap of 42 days");
    expect(recentWindowText(1)).toBe("the only fix so far");
    expect(recentWindowText(5)).toBe("last 5 fixes");
  });

  it("has no assessment and no next order without a counted order", () => {
    const cancelledOnly = picture([{ orderedAt: daysAgo(3), itemsShipped: 5, itemsKept: 0, valueCents: 0, status: "cancelled" }]);
    expect(cancelledOnly).toMatchObject({ assessment: null, scoreOverTime: [], figures: { orderCount: 0, cancelledCount: 1, nextOrder: { basis: "none", dueAt: null } } });
    expect(nextOrderBasisText(cancelledOnly.figures)).toBe("No orders yet");
  });

  it("counts cancelled fixes apart, names the latest, and leaves them out of every figure", () => {
    const cancelled = (days: number) => ({ orderedAt: daysAgo(days), itemsShipped: 5, itemsKept: 0, valueCents: 0, status: "cancelled" as const });
    const { figures } = picture([...orders, cancelled(60), cancelled(21)]);
    expect(figures).toMatchObject({ ...picture(orders).figures, cancelledCount: 2, lastCancelledAt: daysAgo(21) });
  });

  it("ends the score over time on the assessment the page shows", () => {
    const { assessment, scoreOverTime } = picture(withOld);
    expect(scoreOverTime.at(-1)).toEqual({ asOf: AS_OF, score: assessment?.score, tier: assessment?.tier });
  });
});

/** Every reason the page could show, not only the top three. */
function explainAll(orders: EngagementOrder[]) {
  const result = scoreEngagement({ history: summariseHistory(orders, AS_OF), asOf: AS_OF, settings });
  return explainEngagement(result, { settings, maxDrivers: 10 }).map((d) => d.text);
}
