import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { clients, orders } from "@/lib/server/db/schema";
import { NotFoundError, ValidationError } from "@/lib/server/errors";
import { createClient } from "@/lib/server/services/clients/create-client";
import { clientInput, orderInput, userContext } from "@/test/fixtures";
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
  it("keeps the client's last order date and count in step through create, update and cancel", async () => {
    const { stylist, client } = await clientOf();
    const first = await createOrder({ ctx: stylist, input: { clientId: client.id, ...orderInput({ orderedAt: "2026-06-01" }) } });
    const second = await createOrder({ ctx: stylist, input: { clientId: client.id, ...orderInput({ orderedAt: "2026-08-15" }) } });
    expect(await summary(client.id)).toEqual({ lastOrderAt: new Date("2026-08-15T12:00:00Z"), orderCount: 2 });

    await updateOrder({ ctx: stylist, input: { orderId: first.id, ...orderInput({ orderedAt: "2026-09-20", itemsKept: 5 }) } });
    expect((await summary(client.id))?.lastOrderAt).toEqual(new Date("2026-09-20T12:00:00Z"));

    await cancelOrder({ ctx: stylist, input: { orderId: first.id } });
    expect(await summary(client.id)).toEqual({ lastOrderAt: new Date("2026-08-15T12:00:00Z"), orderCount: 1 });
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
