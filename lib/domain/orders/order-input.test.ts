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

  it("refuses what only a loose reading would take: numbers written otherwise, commas out of place, a day no calendar has, a value past any order", () => {
    const base = { orderedAt: "2026-01-05", itemsShipped: "5", itemsKept: "2", value: "10.00", status: "shipped" };
    expect(errorsOf({ ...base, itemsShipped: "1e1", itemsKept: "0x5" })).toEqual({ itemsShipped: ["Use a whole number, like 3"], itemsKept: ["Use a whole number, like 3"] });
    expect(errorsOf({ ...base, itemsKept: "2.5" })).toEqual({ itemsKept: ["Use a whole number, like 3"] });
    expect(errorsOf({ ...base, value: "1,2,3" })).toEqual({ value: ["Enter an amount like 129.50"] });
    expect(errorsOf({ ...base, value: "99999999999999999999999" })).toEqual({ value: ["That value is too large"] });
    expect(errorsOf({ ...base, orderedAt: "2026-02-30" })).toEqual({ orderedAt: ["Enter a real date, like 2026-06-30"] });
    expect(errorsOf({ ...base, currency: "XYZ" })).toEqual({ currency: ["Use a currency code ISO 4217 lists, like USD or EUR"] });
    // Codes ISO 4217 lists are taken whether or not this server's ICU knows them (VED is newer than some builds).
    for (const code of ["eur", "JPY", "VED", "XAU"]) expect(orderFormSchema.parse({ ...base, currency: code }).currency).toBe(code.toUpperCase());
    // Thousands separated as they are written, and spaces around a count, are fine.
    expect(orderFormSchema.parse({ ...base, itemsShipped: " 5 ", value: "12,500.00" })).toMatchObject({ itemsShipped: 5, valueCents: 1_250_000 });
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

  it("stores today's day, in the client's timezone, as now: before noon there, and after it", () => {
    const { orderedAt } = orderFormSchema.parse({ orderedAt: "2026-12-07", itemsShipped: "5", itemsKept: "2", value: "10", status: "shipped" });
    // 10:17 in Honolulu (UTC−10): noon there is still to come.
    const morning = new Date("2026-12-07T20:17:00Z");
    expect(orderedAtIn(orderedAt, "Pacific/Honolulu", morning)).toEqual(morning);
    // 15:00 there: noon has passed, but a client created at 14:00 had not ordered at noon.
    const afternoon = new Date("2026-12-08T01:00:00Z");
    expect(orderedAtIn(orderedAt, "Pacific/Honolulu", afternoon)).toEqual(afternoon);
    // Another day than today keeps noon, whatever the hour now.
    expect(orderedAtIn(orderFormSchema.parse({ orderedAt: "2026-12-05", itemsShipped: "5", itemsKept: "2", value: "10", status: "shipped" }).orderedAt, "Pacific/Honolulu", morning)).toEqual(new Date("2026-12-05T22:00:00Z"));
  });

  it("keeps the stored moment through an edit that leaves the day as it was, and moves it with the day", () => {
    const day = (text: string) => orderFormSchema.parse({ orderedAt: text, itemsShipped: "5", itemsKept: "2", value: "10", status: "shipped" }).orderedAt;
    const stored = new Date("2026-12-07T20:17:00Z"); // 10:17 on 7 December in Honolulu
    const later = new Date("2026-12-08T02:00:00Z");
    expect(orderedAtIn(day("2026-12-07"), "Pacific/Honolulu", later, stored)).toEqual(stored);
    expect(orderedAtIn(day("2026-12-05"), "Pacific/Honolulu", later, stored)).toEqual(new Date("2026-12-05T22:00:00Z"));
  });
});
