import type { BudgetBand, OrderStatus } from "./schema-types";
import { DEMO_ORDER_SOURCE, type DemoClient } from "@/lib/domain/demo";
import { COPY_NULL, copyText } from "@/lib/server/db/copy";

/**
 * Rows in PostgreSQL's COPY text format: tab-separated, one row a line, \N for NULL, and backslash,
 * tab, newline and carriage return escaped inside values.
 */

export const CLIENT_COPY_COLUMNS = [
  "id", "name", "email", "stylist_id", "sizes", "preferred_styles", "budget_band", "notes",
  "marketing_consent", "timezone", "last_order_at", "order_count", "created_at", "updated_at",
] as const;

export const ORDER_COPY_COLUMNS = [
  "id", "client_id", "source", "external_id", "ordered_at", "items_shipped", "items_kept", "value_cents",
  "currency", "status", "source_updated_at", "created_at", "updated_at",
] as const;

const NULL = COPY_NULL;
/** A text[] literal such as {"boho","minimal"}; elements are always quoted so commas and braces are safe. */
function textArrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, "\\$&")}"`).join(",")}}`;
}

const timestamp = (date: Date | null) => (date ? date.toISOString() : NULL);

export function clientCopyLine(client: DemoClient): string {
  const band: BudgetBand | null = client.budgetBand;
  return (
    `${client.id}\t${copyText(client.name)}\t${copyText(client.email)}\t${client.stylistId}\t` +
    `${copyText(JSON.stringify(client.sizes))}\t${copyText(textArrayLiteral(client.preferredStyles))}\t${band ?? NULL}\t` +
    `${copyText(client.notes)}\t${client.marketingConsent ? "t" : "f"}\t${copyText(client.timezone)}\t` +
    `${timestamp(client.lastOrderAt)}\t${client.orderCount}\t${timestamp(client.createdAt)}\t${timestamp(client.updatedAt)}\n`
  );
}

/** All of a client's orders, one line each. created_at is the order time; the demo source's last change is updated_at. */
export function orderCopyLines(client: DemoClient): string {
  let lines = "";
  for (const order of client.orders) {
    const status: OrderStatus = order.status;
    const orderedAt = order.orderedAt.toISOString();
    const updatedAt = order.updatedAt.toISOString();
    lines +=
      `${order.id}\t${client.id}\t${DEMO_ORDER_SOURCE}\t${copyText(order.externalId)}\t${orderedAt}\t` +
      `${order.itemsShipped}\t${order.itemsKept}\t${order.valueCents}\t${order.currency}\t${status}\t` +
      `${updatedAt}\t${orderedAt}\t${updatedAt}\n`;
  }
  return lines;
}
