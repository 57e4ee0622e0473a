import { z } from "zod";
import { dayInZone, noonInZone } from "@/lib/domain/time/format";
import { currencyCode, FUTURE_TOLERANCE_MS, isCalendarDay, typedWholeNumber } from "@/lib/domain/validation";

export const ORDER_STATUSES = ["placed", "shipped", "returned", "cancelled"] as const;
export type OrderStatusValue = (typeof ORDER_STATUSES)[number];

/** The most one order may be worth, in cents: more is a typing slip (or a currency without cents, sent as cents). */
export const MAX_VALUE_CENTS = 100_000_000;

/**
 * "49.90" or "1,250" in major units → integer cents; anything else is rejected with the field named. Commas only
 * between thousands ("1,250,000"): "1,2,3" is a slip, not 123.
 */
export function parseMoneyToCents(text: string): number | null {
  const cleaned = text.replace(/[\s$€£]/g, "");
  if (!/^(?:\d{1,3}(?:,\d{3})+|\d+)(\.\d{1,2})?$/.test(cleaned)) return null;
  const plain = cleaned.replaceAll(",", "");
  const [whole = "0", fraction = ""] = plain.split(".");
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
}


const BARE_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A day typed into the form ("2026-01-05"), as a moment: noon UTC (what the checks below see), remembering the day it
 * was typed as, so the verbs store it at noon in the client's timezone (see orderedAtIn). A Date, so it passes
 * everywhere a Date does, and a parsed form handed on to a verb parses again as the same typed day.
 */
class TypedDay extends Date {
  constructor(readonly day: string) {
    super(`${day}T12:00:00Z`);
  }
}

const toOrderDate = (v: unknown) => {
  if (typeof v !== "string") return v;
  const text = v.trim();
  if (BARE_DAY.test(text)) return isCalendarDay(text) ? new TypedDay(text) : new Date(Number.NaN);
  return new Date(text);
};

/**
 * Where an order date is stored: a typed day at noon of that day in the client's timezone, so it shows as that day
 * there (orders are shown in the client's timezone) and an edit pre-fills the same day; at noon UTC a client at
 * UTC+13 (New Zealand in summer) saw the next day, and each edit moved the order a day later. Today (there) is stored
 * as now, the moment it was recorded: noon would put it before what was done earlier that day (the client created,
 * an email written), or, in the morning, after an email written meanwhile. An edit that leaves the day as it was
 * keeps the `stored` moment. A moment keeps itself.
 */
export function orderedAtIn(orderedAt: Date, zone: string, now = new Date(), stored: Date | null = null): Date {
  if (!(orderedAt instanceof TypedDay)) return orderedAt;
  if (stored && dayInZone(stored, zone) === orderedAt.day) return stored;
  return orderedAt.day === dayInZone(now, zone) ? now : noonInZone(orderedAt.day, zone);
}

const orderFields = {
  // A day that is no day ("2026-02-30") arrives as an invalid date: said as such, not as a missing one.
  orderedAt: z.preprocess(toOrderDate, z.date({ error: (issue) => (issue.input instanceof Date ? "Enter a real date, like 2026-06-30" : "Enter the order date") }))
    .refine((d) => !Number.isNaN(d.getTime()), "Enter a valid date")
    .refine((d) => d.getTime() <= Date.now() + FUTURE_TOLERANCE_MS, "The order date cannot be in the future")
    .refine((d) => d.getUTCFullYear() >= 2000, "The order date must be after 2000"),
  itemsShipped: typedWholeNumber("Enter how many items were shipped", (n) => n.min(1, "At least 1 item is shipped in a fix").max(50, "At most 50 items")),
  itemsKept: typedWholeNumber("Enter how many items were kept", (n) => n.min(0, "Cannot be negative")),
  // Left out, an order keeps its currency (a new one gets USD): the order form has no currency field, and an edit
  // must not relabel a EUR order's value as dollars.
  currency: currencyCode.optional(),
  status: z.enum(ORDER_STATUSES, "Choose a status from the list").default("placed"),
};

const isCount = (v: unknown) => typeof v === "number" && Number.isInteger(v);
/** Checked even when another field is wrong, so the form shows every problem at once. */
const keptAtMostShipped: [(o: { itemsKept: number; itemsShipped: number }) => boolean, { path: PropertyKey[]; message: string; when: (payload: { value: unknown }) => boolean }] = [
  (o) => o.itemsKept <= o.itemsShipped,
  {
    path: ["itemsKept"],
    message: "Cannot keep more items than were shipped",
    when: (payload: { value: unknown }) => {
      const o = payload.value as { itemsKept?: unknown; itemsShipped?: unknown } | null;
      return isCount(o?.itemsKept) && isCount(o?.itemsShipped);
    },
  },
];

/** The domain's view of an order: value in integer cents. */
export const orderInputSchema = z
  .object({ ...orderFields, valueCents: z.number().int().min(0, "Cannot be negative").max(MAX_VALUE_CENTS, "That value is too large") })
  .refine(...keptAtMostShipped);

const keptValue = z
  .string({ error: "Enter the kept value" })
  .trim()
  .min(1, "Enter the kept value")
  .transform((text, ctx) => {
    const cents = parseMoneyToCents(text);
    if (cents === null) {
      ctx.addIssue({ code: "custom", message: text.startsWith("-") ? "Cannot be negative" : "Enter an amount like 129.50" });
      return z.NEVER;
    }
    if (cents > MAX_VALUE_CENTS) {
      ctx.addIssue({ code: "custom", message: "That value is too large" });
      return z.NEVER;
    }
    return cents;
  });

/** What the order form posts, the value in major units as typed; every field is checked in one pass. */
export const orderFormSchema = z
  .object({ ...orderFields, value: keptValue })
  .refine(...keptAtMostShipped)
  .transform(({ value, ...rest }) => ({ ...rest, valueCents: value }));
