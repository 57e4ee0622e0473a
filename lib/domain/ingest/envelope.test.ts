import { describe, expect, it } from "vitest";
import { clientEventSchema, toIngestClientProfile } from "./client-event";
import { envelopeParser } from "./envelope";
import { orderEventSchema, toIngestOrder } from "./order-event";
import { parseJsonBody } from "./safe-json";

const orders = envelopeParser({ single: "order", batch: "orders", item: orderEventSchema, toItem: toIngestOrder, withSource: true });
const clients = envelopeParser({ single: "client", batch: "clients", item: clientEventSchema, toItem: toIngestClientProfile, withSource: false });

const order = (overrides: Record<string, unknown> = {}) => ({
  external_id: "A-1",
  client_email: "ada@example.com",
  ordered_at: "2026-05-01T10:00:00Z",
  updated_at: "2026-05-02T10:00:00Z",
  items_shipped: 5,
  items_kept: 2,
  value_cents: 15000,
  ...overrides,
});

describe("order deliveries", () => {
  it("says a value of 16 digits or more (which a body's parse keeps as text) is too large, not of the wrong type", () => {
    const parsed = parseJsonBody(JSON.stringify({ event_id: "evt-11", source: "acme-oms", order: order() }).replace('"value_cents":15000', '"value_cents":1000000000000000'));
    if (!parsed.ok) throw new Error(parsed.message);
    expect(orders(parsed.value).issues).toEqual([{ path: "order.value_cents", message: "That value is too large" }]);
  });

  it("refuses a currency ISO 4217 does not list, naming it", () => {
    const result = orders({ event_id: "evt-9", source: "acme-oms", order: order({ currency: "XYZ" }) });
    expect(result.issues).toEqual([{ path: "order.currency", message: "Use a currency code ISO 4217 lists, like USD or EUR" }]);
    expect(orders({ event_id: "evt-10", source: "acme-oms", order: order({ currency: "eur" }) })).toMatchObject({ ok: true, valid: [{ value: { currency: "EUR" } }] });
  });

  it("accepts one order, with defaults for currency and status", () => {
    const result = orders({ event_id: "evt-1", source: "acme-oms", order: order() });
    expect(result.ok && result.valid[0]?.value).toMatchObject({ externalId: "A-1", currency: "USD", status: "placed", orderedAt: new Date("2026-05-01T10:00:00Z") });
  });

  it("names each invalid field of each invalid order by its path, and keeps the valid ones", () => {
    const result = orders({
      event_id: "evt-2",
      source: "acme-oms",
      orders: [order(), order({ external_id: "A-2", value_cents: -5, items_kept: 9 }), order({ external_id: "A-3", ordered_at: "2026-05-01" }), order({ external_id: "A-4" })],
    });
    if (!result.ok) throw new Error("expected a partial result");
    expect(result.valid.map((v) => v.index)).toEqual([0, 3]);
    expect(result.rejected).toEqual([1, 2]);
    expect(result.issues).toEqual([
      { path: "orders[1].value_cents", message: "Cannot be negative" },
      { path: "orders[1].items_kept", message: "Cannot keep more items than were shipped" },
      { path: "orders[2].ordered_at", message: "Give ordered_at as an ISO 8601 date-time with a zone, like 2026-05-01T10:00:00Z" },
    ]);
  });

  it("rejects the whole delivery when no item is valid, or the envelope is wrong", () => {
    expect(orders({ event_id: "evt-3", source: "acme", orders: [order({ client_email: "nope" })] })).toMatchObject({ ok: false, eventId: "evt-3", issues: [{ path: "orders[0].client_email", message: "Not a valid email address" }] });
    expect(orders({ source: "acme", order: order() })).toMatchObject({ ok: false, issues: [{ path: "event_id" }] });
    expect(orders({ event_id: "e", source: "acme", order: order(), orders: [order()] })).toMatchObject({ ok: false, issues: [{ path: "orders" }] });
    expect(orders({ event_id: "e", source: "bad source!", order: order() })).toMatchObject({ ok: false, issues: [{ path: "source" }] });
    expect(orders([1, 2])).toMatchObject({ ok: false, issues: [{ path: "(body)" }] });
    expect(orders({ event_id: "e", source: "acme", orders: Array.from({ length: 1001 }, () => order()) })).toMatchObject({ ok: false, issues: [{ path: "orders", message: "Send at most 1,000 items per delivery" }] });
  });

  it("refuses an order or update dated more than a day ahead", () => {
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const result = orders({ event_id: "e", source: "acme", order: order({ updated_at: future }) });
    expect(result).toMatchObject({ ok: false, issues: [{ path: "order.updated_at", message: "updated_at cannot be in the future" }] });
    // Year 0 parses as a date, but the database has no such year: refused here, naming the field, not a 500 there.
    const ancient = clients({ event_id: "c-0", client: { email: "ada@example.com", name: "Ada", updated_at: "0000-01-01T00:00:00Z" } });
    expect(ancient).toMatchObject({ ok: false, issues: [{ path: "client.updated_at", message: "updated_at must be after 1970" }] });
    expect(orders({ event_id: "e", source: "acme", order: order({ updated_at: "0000-01-01T00:00:00Z" }) })).toMatchObject({ ok: false, issues: [{ path: "order.updated_at", message: "updated_at must be after 1970" }] });
  });
});

describe("client deliveries", () => {
  it("leaves out what the sender left out, so existing values are kept", () => {
    const result = clients({ event_id: "c-1", client: { email: "ada@example.com", name: "Ada", marketing_consent: true, updated_at: "2026-05-02T09:30:00Z" } });
    expect(result.ok && result.valid[0]?.value).toEqual({ email: "ada@example.com", name: "Ada", marketingConsent: true, updatedAt: new Date("2026-05-02T09:30:00Z"), sizes: undefined, preferredStyles: undefined, budgetBand: undefined, timezone: undefined, notes: undefined });
  });

  it("names invalid profile fields", () => {
    const result = clients({ event_id: "c-2", clients: [{ email: "a@example.com", name: "A", preferred_styles: ["gothic"], timezone: "Mars/Olympus", updated_at: "2026-05-02T09:30:00Z" }] });
    expect(result).toMatchObject({ ok: false, issues: [{ path: "clients[0].preferred_styles[0]" }, { path: "clients[0].timezone", message: "Use an IANA time zone like Europe/London" }] });
  });
});
