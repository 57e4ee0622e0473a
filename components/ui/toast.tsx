"use client";

import { createContext, type ReactNode, useActionState, useCallback, useContext, useEffect, useRef, useState } from "react";
import type { ActionState } from "@/lib/forms/action-state";

type Toast = { id: number; message: string; tone: "success" | "error" };
type Push = (message: string, tone?: Toast["tone"]) => void;

const ToastContext = createContext<Push | null>(null);
const SHOWN_MS = 5_000;

/**
 * One small toast stack for the app shell. Toasts are the visual echo of an action's answer; the answer itself stays
 * in the form's own status line for screen readers (FormAlert), so the stack is hidden from them and holds nothing to focus.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(0);
  const push = useCallback<Push>((message, tone = "success") => {
    const id = ++next.current;
    setToasts((list) => [...list.slice(-2), { id, message, tone }]);
    setTimeout(() => setToasts((list) => list.filter((t) => t.id !== id)), SHOWN_MS);
  }, []);
  return (
    <ToastContext.Provider value={push}>
      {children}
      <div aria-hidden="true" className="pointer-events-none fixed inset-x-4 bottom-4 z-50 flex flex-col items-center gap-2 sm:inset-x-auto sm:right-6 sm:items-end">
        {toasts.map((t) => (
          <div
            key={t.id}
            data-testid="toast"
            className={
              t.tone === "success"
                ? "max-w-sm rounded-lg bg-ink-950 px-4 py-3 text-sm text-white shadow-lg ring-1 ring-white/10"
                : "max-w-sm rounded-lg bg-red-800 px-4 py-3 text-sm text-white shadow-lg"
            }
          >
            {t.message}
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

/** Whether a toast stack is mounted (inside the app shell): forms then leave their success line to screen readers. */
export function useToastsShown(): boolean {
  return useContext(ToastContext) !== null;
}

export function useToast(): Push {
  return useContext(ToastContext) ?? (() => {});
}

/** Shows a toast each time a server action answers success (the same state object is not toasted twice). */
export function useActionToast(state: ActionState<unknown>) {
  const push = useToast();
  useEffect(() => {
    if (state.status === "success") push(state.message);
  }, [state, push]);
}

/**
 * useActionState whose success toasts as soon as the action answers: for a control the answer removes from the page
 * (ending an override removes its row), which would unmount before an effect could toast.
 */
export function useToastingActionState(action: (state: ActionState<never>, formData: FormData) => Promise<ActionState<never>>, initial: ActionState<never>) {
  const push = useToast();
  return useActionState(async (state: ActionState<never>, formData: FormData) => {
    const next = await action(state, formData);
    if (next.status === "success") push(next.message);
    return next;
  }, initial);
}
