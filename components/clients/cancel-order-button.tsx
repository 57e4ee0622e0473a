"use client";

import { cancelOrderAction } from "@/app/(app)/clients/actions";
import { ConfirmActionButton } from "@/components/ui/confirm-action-button";

export function CancelOrderButton({ orderId, label }: { orderId: string; label: string }) {
  return (
    <ConfirmActionButton
      action={cancelOrderAction}
      fields={{ orderId }}
      confirm={`Cancel the order from ${label}? It will no longer count towards the client's history.`}
      label="Cancel"
      labelFor={`the order from ${label}`}
      confirmLabel="Yes, cancel this order"
      pendingLabel="Cancelling…"
      className="rounded px-1.5 py-1 text-xs font-medium text-stone-500 hover:bg-red-50 hover:text-red-700 sm:px-2"
    />
  );
}
