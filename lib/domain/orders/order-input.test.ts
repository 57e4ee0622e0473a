import { describe, expect, it } from "vitest";
import { dayInZone } from "@/lib/domain/time/format";
import { fieldErrorsFrom } from "@/lib/domain/validation";
import { orderedAtIn, orderFormSchema, orderInputSchema } from "./order-input";

const errorsOf = (input: Record<string, unknown>) => {
  const parsed = orderFormSchema.safeParse(input);
  return parsed.success ? {} : fieldErrorsFrom(parsed.error);
};

describe("the order form", () => {
  it("reports every field's problem at once: a future date, 7 kept of 5 and a negative value", () => {
    const errors = errorsOf({ orderedAt: "2099-01-01", itemsShipped: "5", itemsKept: "7", value: "-20", status: "shipped" });
    expect(errors).toEqual({
      orderedAt: ["The order date cannot be in the future"],
      itemsKept: ["Cannot keep more items than were shipped"],
      value: ["Cannot be negative"],
    });
  });

  it("treats an empty count as missing, not as 0", () => {
    expect(errorsOf({ orderedAt: "2026-01-05", itemsShipped: "5", itemsKept: "", value: "10.00" })).toEqual({ itemsKept: ["Enter how many items were kept"] });
    expect(errorsOf({ orderedAt: "2026-01-05", itemsShipped: " ", itemsKept: "0", value: "" })).toEqual({ itemsShipped: ["Enter how many items were shipped"], value: ["Enter the kept value"] });
  });

  it("turns a valid form into the order's values, the kept value in cents", () => {
    const parsed = orderFormSchema.parse({ orderedAt: "2026-01-05", itemsShipped: "5", itemsKept: "0", value: "1,250.5", status: "returned" });
    expect(parsed).toMatchObject({ itemsShipped: 5, itemsKept: 0, valueCents: 125_050, status: "returned" });
    // The form names no currency: an order keeps its own (a new one gets USD, the column's default).
    expect(parsed.currency).toBeUndefined();
    expect(orderInputSchema.safeParse({ ...parsed }).success).toBe(true);
  });

  it("stores a typed day at noon UTC, so it is that day in the client's timezone east or west", () => {
    const { orderedAt } = orderFormSchema.parse({ orderedAt: "2026-01-05", itemsShipped: "5", itemsKept: "0", value: "10", status: "shipped" });
    expect(orderedAt).toEqual(new Date("2026-01-05T12:00:00Z"));
    for (const zone of ["America/Los_Angeles", "UTC", "Europe/Berlin", "Asia/Tokyo"]) expect(dayInZone(orderedAt, zone)).toBe("2026-01-05");
  });

  it("stores today's day, typed before noon in the client's timezone, as now rather than a moment still to come", () => {
    const { orderedAt } = orderFormSchema.parse({ orderedAt: "2026-12-07", itemsShipped: "5", itemsKept: "2", value: "10", status: "shipped" });
    // 10:17 in Honolulu (UTC−10): noon there is still to come.
    const morning = new Date("2026-12-07T20:17:00Z");
    expect(orderedAtIn(orderedAt, "Pacific/Honolulu", morning)).toEqual(morning);
    // 15:00 there: noon has passed, so the day's usual moment.
    expect(orderedAtIn(orderedAt, "Pacific/Honolulu", new Date("2026-12-08T01:00:00Z"))).toEqual(new Date("2026-12-07T22:00:00Z"));
    // Another day than today keeps noon, whatever the hour now.
    expect(orderedAtIn(orderFormSchema.parse({ orderedAt: "2026-12-05", itemsShipped: "5", itemsKept: "2", value: "10", status: "shipped" }).orderedAt, "Pacific/Honolulu", morning)).toEqual(new Date("2026-12-05T22:00:00Z"));
  });
});
