"use client";

import { useEffect, useRef } from "react";
import type { ActionState } from "@/lib/forms/action-state";
import { useActionToast, useToastsShown } from "./toast";

/** Whether the keyboard's place was lost: the submit button went disabled, or the form was remounted with the answer. */
function focusLost(): boolean {
  return document.activeElement === null || document.activeElement === document.body;
}

/**
 * An action's answer beside its form. A success also shows as a toast inside the app shell, where the line here is
 * kept for screen readers only; errors always stay in view, next to what needs fixing. After an error the keyboard
 * lands on the first field that needs fixing; when the answer left it nowhere, on this line, so the next Tab
 * continues in the form rather than at the top of the page. `announce`: for a form its success hides (a folded form),
 * whose line here would go unheard; the shell reads the success out instead.
 */
export function FormAlert({ state, announce = false }: { state: ActionState; announce?: boolean }) {
  useActionToast(state, announce);
  const toasts = useToastsShown();
  const line = useRef<HTMLParagraphElement>(null);
  // Told by the shell (announce): no line of its own to read twice or to take the keyboard.
  const toldElsewhere = announce && state.status === "success";
  useEffect(() => {
    if (state.status === "idle" || toldElsewhere) return;
    const form = line.current?.closest("form");
    // Only while the keyboard is still in this form, or nowhere: someone who moved on is not pulled back.
    if (!focusLost() && !form?.contains(document.activeElement)) return;
    const invalid = state.status === "error" ? form?.querySelector<HTMLElement>("[aria-invalid=true]") : null;
    (invalid ?? line.current)?.focus();
  }, [state, toldElsewhere]);
  if (state.status === "idle" || toldElsewhere) return null;
  const error = state.status === "error";
  return (
    <p
      ref={line}
      tabIndex={-1}
      role={error ? "alert" : "status"}
      className={
        error
          ? "rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200 focus:outline-none"
          : toasts
            ? "sr-only"
            : "rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-emerald-200 focus:outline-none"
      }
    >
      {state.message}
    </p>
  );
}
