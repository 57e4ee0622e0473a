"use client";

import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { useAnsweredAction } from "@/components/ui/toast";
import type { ActionState } from "@/lib/forms/action-state";

type FormActionFn = (state: ActionState<never>, formData: FormData) => Promise<ActionState<never>>;

/**
 * One button posting hidden fields to a server action. Its answer is toasted and read out as it arrives, errors
 * included: Send now's answer can remove the button (sent, or stopped and discarded), so a line under it would go too.
 */
export function ActionButton({ action, fields, label, pendingLabel, variant = "primary" }: { action: FormActionFn; fields: Record<string, string>; label: string; pendingLabel: string; variant?: "primary" | "secondary" }) {
  const { state, formAction, onSubmit, pending } = useAnsweredAction(action, { toastErrors: true });
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-2">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button type="submit" variant={variant} disabled={pending}>
        {pending ? pendingLabel : label}
      </Button>
      {state.status === "error" ? <FormAlert state={state} /> : null}
    </form>
  );
}
