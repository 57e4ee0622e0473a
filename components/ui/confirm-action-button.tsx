"use client";

import type { FormActionFn } from "@/lib/forms/action-state";
import { rowPopoverClass } from "./row-popover";
import { useAnsweredAction } from "./toast";

// A confirm button shows only the message, so its actions answer with no result.

/**
 * A destructive row action that asks first. The question is a native <details> disclosure, not a
 * browser dialog, so it holds when scripts have not loaded: the first click only opens the question,
 * and only its "Yes" button posts the form.
 */
export function ConfirmActionButton({
  action,
  fields,
  confirm,
  label,
  labelFor,
  confirmLabel,
  pendingLabel,
  className,
}: {
  action: FormActionFn;
  fields: Record<string, string>;
  confirm: string;
  label: string;
  /** What the label acts on, read out after it ("Revoke" the key "Shop"): a list of rows is not a list of "Revoke". */
  labelFor?: string;
  confirmLabel: string;
  pendingLabel: string;
  className: string;
}) {
  // The answer usually removes this control (a cancelled order, a revoked key): told as it arrives.
  const { state, formAction, onSubmit, pending } = useAnsweredAction(action);
  return (
    <details className="group relative inline-block text-left">
      <summary className={`cursor-pointer list-none [&::-webkit-details-marker]:hidden ${className}`}>
        {label}
        {labelFor ? <span className="sr-only"> {labelFor}</span> : null}
      </summary>
      <form
        action={formAction}
        onSubmit={onSubmit}
        role="group"
        aria-label={confirm}
        className={rowPopoverClass("sm:w-64")}
      >
        {Object.entries(fields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <p className="whitespace-normal">{confirm}</p>
        <button type="submit" disabled={pending} className="mt-2 rounded-md bg-red-700 px-2.5 py-1.5 font-medium text-white hover:bg-red-800 disabled:opacity-60">
          {pending ? pendingLabel : confirmLabel}
        </button>
        {state.status === "error" ? (
          <p role="alert" className="mt-2 text-red-700">
            {state.message}
          </p>
        ) : null}
      </form>
    </details>
  );
}
