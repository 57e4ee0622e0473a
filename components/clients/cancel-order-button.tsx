"use client";

import { useActionState } from "react";
import { cancelOrderAction } from "@/app/(app)/clients/actions";
import { IDLE } from "@/lib/forms/action-state";

export function CancelOrderButton({ orderId, label }: { orderId: string; label: string }) {
  const [state, action, pending] = useActionState(cancelOrderAction, IDLE);
  return (
    <form
      action={action}
      onSubmit={(event) => {
        if (!window.confirm(`Cancel the order from ${label}? It will no longer count towards the client's history.`)) event.preventDefault();
      }}
    >
      <input type="hidden" name="orderId" value={orderId} />
      <button type="submit" disabled={pending} className="rounded px-2 py-1 text-xs font-medium text-stone-500 hover:bg-red-50 hover:text-red-700">
        {pending ? "Cancelling…" : "Cancel"}
      </button>
      {state.status === "error" ? <span role="alert" className="ml-2 text-xs text-red-700">{state.message}</span> : null}
    </form>
  );
}
