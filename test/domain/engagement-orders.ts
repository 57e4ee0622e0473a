import type { EngagementOrder } from "@/lib/domain/engagement/history";

// Shared by the engagement tests: a fixed "now" and regular order histories relative to it.
export const AS_OF = new Date("2025-06-01T00:00:00Z");
export const daysAgo = (days: number) => new Date(AS_OF.getTime() - days * 86_400_000);

/** `count` orders `gapDays` apart, the latest `lastDaysAgo` days before AS_OF. */
export const ordersEvery = (gapDays: number, count: number, lastDaysAgo: number, extra: Partial<EngagementOrder> = {}) =>
  Array.from(
    { length: count },
    (_, i): EngagementOrder => ({
      orderedAt: daysAgo(lastDaysAgo + i * gapDays),
      itemsShipped: 5,
      itemsKept: 3,
      valueCents: 15_000,
      status: "shipped",
      ...extra,
    }),
  );
