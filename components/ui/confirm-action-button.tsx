"use client";

import { useActionState } from "react";
import { type ActionState, IDLE } from "@/lib/forms/action-state";

// A confirm button shows only the message, so its actions answer with no result.
type FormActionFn = (state: ActionState<never>, formData: FormData) => Promise<ActionState<never>>;

/** A one-button form that asks before it posts, for destructive row actions (cancel an order, revoke a key). */
export function ConfirmActionButton({
  action,
  fields,
  confirm,
  label,
  pendingLabel,
  className,
}: {
  action: FormActionFn;
  fields: Record<string, string>;
  confirm: string;
  label: string;
  pendingLabel: string;
  className: string;
}) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  return (
    <form
      action={formAction}
      onSubmit={(event) => {
        if (!window.confirm(confirm)) event.preventDefault();
      }}
    >
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" disabled={pending} className={className}>
        {pending ? pendingLabel : label}
      </button>
      {state.status === "error" ? (
        <span role="alert" className="ml-2 text-xs text-red-700">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
