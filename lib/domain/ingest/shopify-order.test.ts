import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseJsonBody } from "./safe-json";
import { parseShopifyCustomer } from "./shopify-customer";
import { parseShopifyOrder } from "./shopify-order";

const fixture = (name: string) => {
  const parsed = parseJsonBody(fs.readFileSync(path.join(process.cwd(), "test/fixtures/shopify", name), "utf8"));
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value as Record<string, unknown>;
};

describe("Shopify orders", () => {
  it("maps the documented orders/create example: a cancelled order keeps nothing", () => {
    const result = parseShopifyOrder(fixture("orders-create.json"));
    expect(result).toEqual({
      ok: true,
      order: {
        externalId: "820982911946154508",
        clientEmail: "jon@example.com",
        clientName: "John Smith",
        orderedAt: new Date("2022-01-01T00:00:00Z"),
        updatedAt: new Date("2022-01-01T00:00:00Z"),
        itemsShipped: 5,
        itemsKept: 0,
        valueCents: 0,
        currency: "USD",
        status: "cancelled",
      },
    });
  });

  it("subtracts refunded units and their value after discounts, matching 64-bit line item ids exactly", () => {
    const result = parseShopifyOrder(fixture("orders-updated.json"));
    // 5 units shipped, the lounger (159.99) refunded; the sunglasses had 9.00 off: 80.99 + 19.99 + 24.99 + 119.99.
    expect(result.ok && result.order).toMatchObject({ itemsShipped: 5, itemsKept: 4, valueCents: 24_596, status: "shipped", updatedAt: new Date("2022-01-06T15:00:00Z") });
  });

  it("marks an order whose every unit was refunded as returned", () => {
    const order = fixture("orders-updated.json");
    const lines = order.line_items as { id: string; quantity: number }[];
    order.refunds = [{ refund_line_items: lines.map((l) => ({ line_item_id: l.id, quantity: l.quantity })) }];
    expect(parseShopifyOrder(order)).toMatchObject({ ok: true, order: { itemsKept: 0, valueCents: 0, status: "returned" } });
  });

  it("counts an unfulfilled, uncancelled order as placed, and leaves gift cards out", () => {
    const order = fixture("orders-create.json");
    order.cancelled_at = null;
    const lines = order.line_items as Record<string, unknown>[];
    lines.push({ ...lines[0], id: "1", gift_card: true, price: "50.00" });
    expect(parseShopifyOrder(order)).toMatchObject({ ok: true, order: { status: "placed", itemsShipped: 5, itemsKept: 5, valueCents: 41_495 } });
  });

  it("refuses, naming the lines, an order worth more than one order may hold (a large order in IDR), rather than failing to store it", () => {
    const order = fixture("orders-create.json");
    order.cancelled_at = null;
    order.currency = "IDR";
    order.line_items = [{ ...(order.line_items as Record<string, unknown>[])[0], quantity: 1, price: "25000000.00", total_discount: "0.00", discount_allocations: [] }];
    order.refunds = [];
    expect(parseShopifyOrder(order)).toEqual({ ok: false, issues: [{ path: "line_items", message: "The kept value, 25000000 IDR, is more than Rekindle stores for one order (1000000)" }] });
  });

  it("refuses, naming the field, dates the database cannot hold or an order cannot have, rather than failing to store them", () => {
    const cases: [string, string, string][] = [
      ["created_at", "0000-01-01T00:00:00Z", "created_at must be after 1970"],
      ["created_at", "1999-06-01T00:00:00Z", "created_at must be after 2000"],
      ["processed_at", "2100-01-01T00:00:00Z", "processed_at cannot be in the future"],
      ["updated_at", "0000-01-01T00:00:00Z", "updated_at must be after 1970"],
    ];
    for (const [field, value, message] of cases) {
      const order = fixture("orders-create.json");
      order[field] = value;
      expect(parseShopifyOrder(order), `${field} ${value}`).toMatchObject({ ok: false, issues: expect.arrayContaining([{ path: field, message }]) });
    }
  });

  it("explains what is missing", () => {
    const order = fixture("orders-create.json");
    order.email = null;
    order.contact_email = null;
    order.customer = null;
    order.line_items = [];
    expect(parseShopifyOrder(order)).toEqual({
      ok: false,
      issues: [
        { path: "email", message: "The order has no valid customer email; Rekindle files orders under the client's email" },
        { path: "line_items", message: "The order has no items to ship" },
      ],
    });
    expect(parseShopifyOrder({ id: 1 })).toMatchObject({ ok: false, issues: expect.arrayContaining([{ path: "updated_at", message: expect.any(String) }]) });
  });

  it("refuses, naming the field, a customer email longer than mail allows, rather than failing to file the order", () => {
    const order = fixture("orders-create.json");
    order.email = `${"a".repeat(300)}@example.com`;
    expect(parseShopifyOrder(order)).toMatchObject({ ok: false, issues: [{ path: "email", message: "That email address is too long" }] });
  });
});

describe("Shopify customers", () => {
  it("takes the name and email marketing consent from customers/update", () => {
    expect(parseShopifyCustomer(fixture("customers-update.json"))).toEqual({ ok: true, profile: { email: "bob@biller.com", name: "Bob Biller", marketingConsent: true, updatedAt: new Date("2022-01-01T00:00:00Z") } });
  });

  it("refuses a customer email longer than mail allows, naming the field", () => {
    expect(parseShopifyCustomer({ ...fixture("customers-update.json"), email: `${"b".repeat(300)}@example.com` })).toEqual({ ok: false, issues: [{ path: "email", message: "That email address is too long" }] });
  });

  it("skips a customer without an email", () => {
    expect(parseShopifyCustomer({ id: 1, email: null })).toEqual({ ok: true, profile: null });
  });
});
