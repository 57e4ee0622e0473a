"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { type ActionState, IDLE } from "@/lib/forms/action-state";

type FormActionFn = (state: ActionState<never>, formData: FormData) => Promise<ActionState<never>>;

/** One button posting hidden fields to a server action, with the outcome shown under it. */
export function ActionButton({ action, fields, label, pendingLabel, variant = "primary" }: { action: FormActionFn; fields: Record<string, string>; label: string; pendingLabel: string; variant?: "primary" | "secondary" }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="space-y-2">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button type="submit" variant={variant} disabled={pending}>
        {pending ? pendingLabel : label}
      </Button>
      <FormAlert state={state} />
    </form>
  );
}
