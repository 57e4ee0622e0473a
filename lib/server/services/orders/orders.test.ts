import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { clients, orders } from "@/lib/server/db/schema";
import { NotFoundError, ValidationError } from "@/lib/server/errors";
import { createClient } from "@/lib/server/services/clients/create-client";
import { clientInput, orderInput, userContext } from "@/test/fixtures";
import { dayInZone } from "@/lib/domain/time/format";
import { orderFormSchema } from "@/lib/domain/orders/order-input";
import { cancelOrder } from "./cancel-order";
import { createOrder } from "./create-order";
import { updateOrder } from "./update-order";

async function clientOf(stylistRole: "stylist" = "stylist") {
  const admin = await userContext("admin");
  const stylist = await userContext(stylistRole);
  const client = await createClient({ ctx: admin, input: clientInput({ stylistId: stylist.actor.id }) });
  return { admin, stylist, client };
}

async function summary(clientId: string) {
  const [row] = await db.select({ lastOrderAt: clients.lastOrderAt, orderCount: clients.orderCount }).from(clients).where(eq(clients.id, clientId));
  return row;
}

describe("orders", () => {
  it("stores a typed day as that day in the client's timezone, even at UTC+13, so edits never move it", async () => {
    const admin = await userContext("admin");
    const stylist = await userContext("stylist");
    const client = await createClient({ ctx: admin, input: clientInput({ stylistId: stylist.actor.id, timezone: "Pacific/Auckland" }) });
    // As the order form's actions do: the form parsed, then handed to the verb.
    const form = (orderedAt: string) => orderFormSchema.parse({ orderedAt, itemsShipped: "5", itemsKept: "2", value: "150", status: "shipped" });
    const order = await createOrder({ ctx: stylist, input: { clientId: client.id, ...form("2026-12-05") } });
    expect(dayInZone(order.orderedAt, "Pacific/Auckland")).toBe("2026-12-05");
    // The edit page pre-fills the day as the client's timezone shows it; saving it three times leaves it there.
    let saved = order;
    for (let edit = 0; edit < 3; edit++) saved = await updateOrder({ ctx: stylist, input: { orderId: order.id, ...form(dayInZone(saved.orderedAt, "Pacific/Auckland")) } });
    expect(dayInZone(saved.orderedAt, "Pacific/Auckland")).toBe("2026-12-05");
    // Today's day is the moment it was recorded, after the client was created whatever the hour; an edit keeps it.
    const today = await createOrder({ ctx: stylist, input: { clientId: client.id, ...form(dayInZone(new Date(), "Pacific/Auckland")) } });
    expect(today.orderedAt.getTime()).toBeGreaterThanOrEqual(client.createdAt.getTime());
    const edited = await updateOrder({ ctx: stylist, input: { orderId: today.id, ...form(dayInZone(today.orderedAt, "Pacific/Auckland")), itemsKept: "3" } });
    expect(edited.orderedAt).toEqual(today.orderedAt);
    // A moment given as one (a script's date-time) keeps itself.
    const exact = await createOrder({ ctx: stylist, input: { clientId: client.id, ...orderInput({ orderedAt: "2026-12-01T08:30:00Z" }) } });
    expect(exact.orderedAt).toEqual(new Date("2026-12-01T08:30:00Z"));
  });

  it("keeps an order's currency through an edit from the form, which has no currency field", async () => {
    const { stylist, client } = await clientOf();
    const euro = await createOrder({ ctx: stylist, input: { clientId: client.id, ...orderInput({ currency: "EUR" }) } });
    const dollar = await createOrder({ ctx: stylist, input: { clientId: client.id, ...orderInput() } });
    expect([euro.currency, dollar.currency]).toEqual(["EUR", "USD"]);
    const edited = await updateOrder({ ctx: stylist, input: { orderId: euro.id, ...orderInput({ itemsKept: 3 }) } });
    expect(edited).toMatchObject({ itemsKept: 3, currency: "EUR" });
  });

  it("keeps the client's last order date and count in step through create, update and cancel", async () => {
    const { stylist, client } = await clientOf();
    // A typed day is stored at noon in the client's timezone: London, on summer time here (UTC+1).
    const first = await createOrder({ ctx: stylist, input: { clientId: client.id, ...orderInput({ orderedAt: "2026-06-01" }) } });
    const second = await createOrder({ ctx: stylist, input: { clientId: client.id, ...orderInput({ orderedAt: "2026-08-15" }) } });
    expect(await summary(client.id)).toEqual({ lastOrderAt: new Date("2026-08-15T11:00:00Z"), orderCount: 2 });

    await updateOrder({ ctx: stylist, input: { orderId: first.id, ...orderInput({ orderedAt: "2026-09-20", itemsKept: 5 }) } });
    expect((await summary(client.id))?.lastOrderAt).toEqual(new Date("2026-09-20T11:00:00Z"));

    await cancelOrder({ ctx: stylist, input: { orderId: first.id } });
    expect(await summary(client.id)).toEqual({ lastOrderAt: new Date("2026-08-15T11:00:00Z"), orderCount: 1 });
    await cancelOrder({ ctx: stylist, input: { orderId: second.id } });
    expect(await summary(client.id)).toEqual({ lastOrderAt: null, orderCount: 0 });
    expect(await db.$count(orders, eq(orders.clientId, client.id))).toBe(2);
  });

  it("rejects more items kept than shipped, naming itemsKept, and stores nothing", async () => {
    const { stylist, client } = await clientOf();
    const error = await createOrder({ ctx: stylist, input: { clientId: client.id, ...orderInput({ itemsShipped: 3, itemsKept: 4 }) } }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors.itemsKept).toEqual(["Cannot keep more items than were shipped"]);
    expect(await db.$count(orders)).toBe(0);
  });

  it("rejects a future order date", async () => {
    const { stylist, client } = await clientOf();
    const future = new Date(Date.now() + 5 * 86_400_000).toISOString();
    const error = await createOrder({ ctx: stylist, input: { clientId: client.id, ...orderInput({ orderedAt: future }) } }).catch((e) => e);
    expect((error as ValidationError).fieldErrors.orderedAt).toEqual(["The order date cannot be in the future"]);
  });

  it("hides another stylist's client and orders: adding, editing and cancelling all fail as not found", async () => {
    const { stylist, client } = await clientOf();
    const other = await userContext("stylist");
    const order = await createOrder({ ctx: stylist, input: { clientId: client.id, ...orderInput() } });
    await expect(createOrder({ ctx: other, input: { clientId: client.id, ...orderInput() } })).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateOrder({ ctx: other, input: { orderId: order.id, ...orderInput({ itemsKept: 0 }) } })).rejects.toBeInstanceOf(NotFoundError);
    await expect(cancelOrder({ ctx: other, input: { orderId: order.id } })).rejects.toBeInstanceOf(NotFoundError);
    const [unchanged] = await db.select().from(orders).where(eq(orders.id, order.id));
    expect(unchanged?.status).toBe("shipped");
    expect(unchanged?.itemsKept).toBe(2);
  });
});
