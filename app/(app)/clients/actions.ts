"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { orderFormSchema } from "@/lib/domain/orders/order-input";
import { formAction } from "@/lib/server/actions/form-action";
import { parseInput } from "@/lib/server/parse-input";
import { createClient } from "@/lib/server/services/clients/create-client";
import { updateClient } from "@/lib/server/services/clients/update-client";
import { cancelOrder } from "@/lib/server/services/orders/cancel-order";
import { createOrder } from "@/lib/server/services/orders/create-order";
import { updateOrder } from "@/lib/server/services/orders/update-order";

export const createClientAction = formAction("clients.create", async ({ ctx, input }) => {
  const client = await createClient({ ctx, input });
  revalidatePath("/clients");
  redirect(`/clients/${client.id}?created=1`);
});

export const updateClientAction = formAction("clients.update", async ({ ctx, input }) => {
  const client = await updateClient({ ctx, input });
  revalidatePath("/clients");
  redirect(`/clients/${client.id}?saved=1`);
});

export const createOrderAction = formAction("orders.write", async ({ ctx, input }) => {
  const order = await createOrder({ ctx, input: { ...input, ...parseInput(orderFormSchema, input) } });
  revalidatePath(`/clients/${order.clientId}`);
  return { status: "success", message: "Order added." };
});

export const updateOrderAction = formAction("orders.write", async ({ ctx, input }) => {
  const order = await updateOrder({ ctx, input: { ...input, ...parseInput(orderFormSchema, input) } });
  revalidatePath(`/clients/${order.clientId}`);
  redirect(`/clients/${order.clientId}?orderSaved=1`);
});

export const cancelOrderAction = formAction("orders.write", async ({ ctx, input }) => {
  const order = await cancelOrder({ ctx, input });
  revalidatePath(`/clients/${order.clientId}`);
  return { status: "success", message: "Order cancelled." };
});
