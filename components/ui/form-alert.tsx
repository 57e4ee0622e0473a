"use client";

import type { ActionState } from "@/lib/forms/action-state";
import { useActionToast, useToastsShown } from "./toast";

/**
 * An action's answer beside its form. A success also shows as a toast inside the app shell, where the line here is
 * kept for screen readers only; errors always stay in view, next to what needs fixing.
 */
export function FormAlert({ state }: { state: ActionState }) {
  useActionToast(state);
  const toasts = useToastsShown();
  if (state.status === "idle") return null;
  const error = state.status === "error";
  return (
    <p
      role={error ? "alert" : "status"}
      className={
        error
          ? "rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200"
          : toasts
            ? "sr-only"
            : "rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-emerald-200"
      }
    >
      {state.message}
    </p>
  );
}
