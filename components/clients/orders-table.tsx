import { tableHeadClass } from "@/components/ui/table";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDate, formatMoney } from "@/components/ui/format";
import type { ClientOrder } from "@/lib/server/data/orders";
import { CancelOrderButton } from "./cancel-order-button";
import { OrderStatusBadge } from "./order-status-badge";

export function OrdersTable({ orders, clientId, clientZone }: { orders: ClientOrder[]; clientId: string; clientZone: string }) {
  if (orders.length === 0) return <EmptyState title="No orders yet" description="Add this client's first fix below, or let the order system send it." />;
  return (
    // Fits a phone without scrolling, so the cancel question (positioned over the row) is never clipped.
    <div>
      <table className="w-full text-left text-sm" data-testid="orders-table">
        <thead className={tableHeadClass}>
          <tr>
            <th className="px-2 sm:px-4 py-2.5 font-medium">Date</th>
            <th className="hidden px-2 sm:px-4 py-2.5 font-medium sm:table-cell">Status</th>
            <th className="px-2 sm:px-4 py-2.5 text-right font-medium">Kept</th>
            <th className="px-2 sm:px-4 py-2.5 text-right font-medium">Value</th>
            <th className="hidden px-2 sm:px-4 py-2.5 font-medium sm:table-cell">Source</th>
            <th className="px-2 sm:px-4 py-2.5">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {orders.map((order) => (
            <tr key={order.id} className={order.status === "cancelled" ? "text-stone-500" : undefined}>
              <td className="px-2 sm:px-4 py-3 whitespace-nowrap">
                {formatDate(order.orderedAt, clientZone)}
                {/* Phones have no room for the status column: a shipped fix is the norm, so only the others show. */}
                {order.status === "shipped" ? null : (
                  <div className="mt-1 sm:hidden">
                    <OrderStatusBadge status={order.status} />
                  </div>
                )}
              </td>
              <td className="hidden px-2 sm:px-4 py-3 sm:table-cell">
                <OrderStatusBadge status={order.status} />
              </td>
              <td className="px-2 sm:px-4 py-3 text-right whitespace-nowrap tabular-nums">
                {order.itemsKept} of {order.itemsShipped}
              </td>
              <td className="px-2 sm:px-4 py-3 text-right tabular-nums">{formatMoney(order.valueCents, order.currency)}</td>
              <td className="hidden px-2 sm:px-4 py-3 text-stone-500 sm:table-cell">{order.source}</td>
              <td className="px-2 sm:px-4 py-3">
                {order.status === "cancelled" ? null : (
                  <div className="flex items-center justify-end gap-1">
                    <Link href={`/clients/${clientId}/orders/${order.id}/edit`} className="rounded px-1.5 py-1 text-xs font-medium text-stone-700 hover:bg-stone-100 sm:px-2">
                      Edit
                      <span className="sr-only"> the order from {formatDate(order.orderedAt, clientZone)}</span>
                    </Link>
                    <CancelOrderButton orderId={order.id} label={formatDate(order.orderedAt, clientZone)} />
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
