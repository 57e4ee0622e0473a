"use client";

import Link from "next/link";
import { useActionState } from "react";
import { createOrderAction, updateOrderAction } from "@/app/(app)/clients/actions";
import { Button, buttonClass } from "@/components/ui/button";
import { errorProps, Field, Input, Select } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { ORDER_STATUSES } from "@/lib/domain/orders/order-input";
import { IDLE } from "@/lib/forms/action-state";
import { formValues } from "./use-form-values";

/** Adds an order to a client, or edits one when `orderId` is given; `currency` is the order's (a new one's is USD). */
export function OrderForm({ clientId, orderId, currency = "USD", defaults }: { clientId: string; orderId?: string; currency?: string; defaults: Record<string, string> }) {
  const [state, action, pending] = useActionState(orderId ? updateOrderAction : createOrderAction, IDLE);
  const f = formValues(state, defaults);
  const field = (name: string, label: string, props: React.ComponentProps<"input">, ...errorNames: string[]) => {
    const error = f.error(name, ...errorNames);
    return (
      <Field id={`order-${name}`} label={label} error={error}>
        <Input id={`order-${name}`} name={name} defaultValue={f.value(name)} {...errorProps(`order-${name}`, error)} {...props} />
      </Field>
    );
  };
  return (
    <form action={action} className="space-y-4" noValidate key={f.key}>
      <input type="hidden" name="clientId" value={clientId} />
      {orderId ? <input type="hidden" name="orderId" value={orderId} /> : null}
      <FormAlert state={state} />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {field("orderedAt", "Order date", { type: "date", required: true })}
        {field("itemsShipped", "Items shipped", { type: "number", min: 1, max: 50, inputMode: "numeric", required: true })}
        {field("itemsKept", "Items kept", { type: "number", min: 0, max: 50, inputMode: "numeric", required: true })}
        {field("value", `Kept value (${currency})`, { inputMode: "decimal", placeholder: "129.50", required: true }, "valueCents")}
        <Field id="order-status" label="Status" error={f.error("status")}>
          <Select id="order-status" name="status" defaultValue={f.value("status") || "placed"}>
            {ORDER_STATUSES.filter((s) => s !== "cancelled" || orderId).map((s) => (
              <option key={s} value={s}>
                {s[0]?.toUpperCase() + s.slice(1)}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <div className="flex gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : orderId ? "Save order" : "Add order"}
        </Button>
        {orderId ? (
          <Link href={`/clients/${clientId}`} className={buttonClass("ghost")}>
            Cancel
          </Link>
        ) : null}
      </div>
    </form>
  );
}
