import { z } from "zod";
import { MAX_VALUE_CENTS, parseMoneyToCents } from "@/lib/domain/orders/order-input";
import { currencyCode, emailAddress } from "@/lib/domain/validation";
import type { IngestOrder } from "./ingest-types";
import { type IngestIssue, issuesFrom } from "./issues";
import { dateTimeField, MAX_ITEMS_PER_ORDER, orderedAt } from "./order-event";

// Only the fields Rekindle uses; Shopify sends many more, which are ignored. Ids arrive as strings
// (see quoteLongIntegers), money as decimal strings like "199.00".
const id = z.union([z.string(), z.number()]).transform(String);
const money = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const text = typeof v === "number" ? v.toFixed(2) : v;
  const cents = parseMoneyToCents(text);
  if (cents === null) {
    ctx.addIssue({ code: "custom", message: `Not an amount: ${text}` });
    return z.NEVER;
  }
  return cents;
});
const optionalText = z.string().nullish();

const lineItem = z.object({
  id,
  quantity: z.number().int().min(0),
  price: money,
  total_discount: money.nullish(),
  discount_allocations: z.array(z.object({ amount: money })).nullish(),
  gift_card: z.boolean().nullish(),
});

export const shopifyOrderSchema = z.object({
  id,
  email: optionalText,
  contact_email: optionalText,
  // Checked as our own webhook checks its dates: a year the database has not, or an order from the future, is the
  // delivery's error to fix, not a failure to retry.
  created_at: orderedAt("created_at"),
  processed_at: orderedAt("processed_at").nullish(),
  updated_at: dateTimeField("updated_at"),
  cancelled_at: dateTimeField("cancelled_at").nullish(),
  currency: currencyCode,
  financial_status: optionalText,
  fulfillment_status: optionalText,
  fulfillments: z.array(z.unknown()).nullish(),
  line_items: z.array(lineItem),
  refunds: z
    .array(z.object({ refund_line_items: z.array(z.object({ line_item_id: id, quantity: z.number().int().min(0) })).nullish() }))
    .nullish(),
  customer: z.object({ email: optionalText, first_name: optionalText, last_name: optionalText }).nullish(),
  billing_address: z.object({ name: optionalText }).nullish(),
});

type ShopifyOrder = z.output<typeof shopifyOrderSchema>;

function fullName(first?: string | null, last?: string | null): string | null {
  const name = [first, last].filter(Boolean).join(" ").trim();
  return name ? name.slice(0, 120) : null;
}

/** Units refunded per line item, summed over every refund on the order. */
function refundedQuantities(order: ShopifyOrder): Map<string, number> {
  const refunded = new Map<string, number>();
  for (const refund of order.refunds ?? []) {
    for (const line of refund.refund_line_items ?? []) refunded.set(line.line_item_id, (refunded.get(line.line_item_id) ?? 0) + line.quantity);
  }
  return refunded;
}

/**
 * Shopify order → our order. Items shipped are the line items' quantities (gift cards are not part of a
 * fix); items kept are those less the refunded units; the value is what the kept units cost after their
 * discounts. A cancelled order keeps nothing. Status: cancelled, else returned when every unit came
 * back, else shipped once anything was fulfilled, else placed.
 */
export function mapShopifyOrder(order: ShopifyOrder): { ok: true; order: IngestOrder } | { ok: false; issues: IngestIssue[] } {
  const issues: IngestIssue[] = [];
  const email = (order.email || order.contact_email || order.customer?.email || "").trim();
  const checked = emailAddress("The order has no valid customer email; Rekindle files orders under the client's email").safeParse(email);
  if (!checked.success) issues.push({ path: "email", message: checked.error.issues[0]?.message ?? "Not a valid email address" });

  const refunded = refundedQuantities(order);
  let shipped = 0;
  let kept = 0;
  let keptValue = 0;
  for (const line of order.line_items) {
    if (line.gift_card || line.quantity === 0) continue;
    const discount = line.discount_allocations?.length ? line.discount_allocations.reduce((sum, d) => sum + d.amount, 0) : (line.total_discount ?? 0);
    const net = Math.max(0, line.price * line.quantity - discount);
    const keptUnits = Math.max(0, line.quantity - (refunded.get(line.id) ?? 0));
    shipped += line.quantity;
    kept += keptUnits;
    keptValue += Math.round((net * keptUnits) / line.quantity);
  }
  if (shipped === 0) issues.push({ path: "line_items", message: "The order has no items to ship" });
  if (shipped > MAX_ITEMS_PER_ORDER) issues.push({ path: "line_items", message: `${shipped} items is more than one fix holds (${MAX_ITEMS_PER_ORDER})` });
  // As our own webhook caps it (the column holds up to 2^31 − 1 minor units, which a large order in IDR passes).
  if (keptValue > MAX_VALUE_CENTS) issues.push({ path: "line_items", message: `The kept value, ${keptValue / 100} ${order.currency}, is more than Rekindle stores for one order (${MAX_VALUE_CENTS / 100})` });
  if (issues.length) return { ok: false, issues };

  const cancelled = Boolean(order.cancelled_at);
  const fulfilled = order.fulfillment_status === "fulfilled" || order.fulfillment_status === "partial" || (order.fulfillments?.length ?? 0) > 0;
  const status = cancelled ? "cancelled" : kept === 0 ? "returned" : fulfilled ? "shipped" : "placed";
  return {
    ok: true,
    order: {
      externalId: order.id,
      clientEmail: email,
      clientName: fullName(order.customer?.first_name, order.customer?.last_name) ?? order.billing_address?.name ?? null,
      orderedAt: new Date(order.processed_at ?? order.created_at),
      updatedAt: new Date(order.updated_at),
      itemsShipped: shipped,
      itemsKept: cancelled ? 0 : kept,
      valueCents: cancelled ? 0 : keptValue,
      currency: order.currency,
      status,
    },
  };
}

export function parseShopifyOrder(body: unknown): { ok: true; order: IngestOrder } | { ok: false; issues: IngestIssue[] } {
  const parsed = shopifyOrderSchema.safeParse(body);
  if (!parsed.success) return { ok: false, issues: issuesFrom(parsed.error) };
  return mapShopifyOrder(parsed.data);
}
