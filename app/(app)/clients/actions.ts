"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { clientInputSchema } from "@/lib/domain/clients/client-input";
import { orderFormSchema } from "@/lib/domain/orders/order-input";
import { formAction } from "@/lib/server/actions/form-action";
import { createClient } from "@/lib/server/services/clients/create-client";
import { reassignClients, reassignClientsSchema } from "@/lib/server/services/clients/reassign-clients";
import { updateClient, updateClientSchema } from "@/lib/server/services/clients/update-client";
import { deleteView, deleteViewSchema } from "@/lib/server/services/saved-views/delete-view";
import { saveView, saveViewSchema } from "@/lib/server/services/saved-views/save-view";
import { cancelOrder, cancelOrderSchema } from "@/lib/server/services/orders/cancel-order";
import { createOrder } from "@/lib/server/services/orders/create-order";
import { updateOrder } from "@/lib/server/services/orders/update-order";
import { logContactSchema } from "@/lib/domain/today/contact-input";
import { logContact } from "@/lib/server/services/today/log-contact";

export const createClientAction = formAction("clients.create", clientInputSchema, async ({ ctx, input }) => {
  const client = await createClient({ ctx, input });
  revalidatePath("/clients");
  redirect(`/clients/${client.id}?created=1`);
});

export const updateClientAction = formAction("clients.update", updateClientSchema, async ({ ctx, input }) => {
  const client = await updateClient({ ctx, input });
  revalidatePath("/clients");
  redirect(`/clients/${client.id}?saved=1`);
});

export const createOrderAction = formAction("orders.write", z.object({ clientId: z.uuid("Unknown client") }).and(orderFormSchema), async ({ ctx, input }) => {
  const order = await createOrder({ ctx, input });
  revalidatePath(`/clients/${order.clientId}`);
  return { status: "success", message: "Order added." };
});

export const updateOrderAction = formAction("orders.write", z.object({ orderId: z.uuid("Unknown order") }).and(orderFormSchema), async ({ ctx, input }) => {
  const order = await updateOrder({ ctx, input });
  revalidatePath(`/clients/${order.clientId}`);
  redirect(`/clients/${order.clientId}?orderSaved=1`);
});

export const cancelOrderAction = formAction("orders.write", cancelOrderSchema, async ({ ctx, input }) => {
  const order = await cancelOrder({ ctx, input });
  revalidatePath(`/clients/${order.clientId}`);
  return { status: "success", message: "Order cancelled." };
});

export const logClientContactAction = formAction("clients.update", logContactSchema, async ({ ctx, input }) => {
  const contact = await logContact({ ctx, input });
  revalidatePath(`/clients/${contact.clientId}`);
  return { status: "success", message: "Contact logged: it is on the client's timeline." };
});

export const reassignClientsAction = formAction("clients.assign", reassignClientsSchema, async ({ ctx, input }) => {
  const { moved, stylistName } = await reassignClients({ ctx, input });
  revalidatePath("/clients");
  return { status: "success", message: moved === 1 ? `Moved 1 client to ${stylistName}.` : `Moved ${moved} clients to ${stylistName}.` };
});

export const saveViewAction = formAction("clients.read", saveViewSchema, async ({ ctx, input }) => {
  const view = await saveView({ ctx, input });
  revalidatePath("/clients");
  return { status: "success", message: `Saved “${view.name}”.` };
});

export const deleteViewAction = formAction("clients.read", deleteViewSchema, async ({ ctx, input }) => {
  await deleteView({ ctx, input });
  revalidatePath("/clients");
  return { status: "success", message: "View deleted." };
});
