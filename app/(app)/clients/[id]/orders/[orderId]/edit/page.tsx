import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { OrderForm } from "@/components/clients/order-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageContext } from "@/lib/server/auth/session";
import { clientTimeZone, dayInZone } from "@/lib/domain/time/format";
import { getClientOrNotFound, getOrderOrNotFound } from "@/lib/server/data/page-loaders";

export const metadata: Metadata = { title: "Edit order" };

export default async function EditOrderPage({ params }: { params: Promise<{ id: string; orderId: string }> }) {
  const ctx = await requirePageContext("orders.write");
  const { id, orderId } = await params;
  const client = await getClientOrNotFound(ctx, id);
  const order = await getOrderOrNotFound(ctx, orderId);
  if (order.clientId !== client.id) notFound();
  return (
    <>
      <PageHeader eyebrow={<Link href={`/clients/${client.id}`} className="hover:underline">← {client.name}</Link>} title="Edit order" />
      <Card className="p-5 sm:p-8">
        <OrderForm
          clientId={client.id}
          orderId={order.id}
          currency={order.currency}
          defaults={{
            orderedAt: dayInZone(order.orderedAt, clientTimeZone(client)),
            itemsShipped: String(order.itemsShipped),
            itemsKept: String(order.itemsKept),
            value: (order.valueCents / 100).toFixed(2),
            status: order.status,
          }}
        />
      </Card>
    </>
  );
}
