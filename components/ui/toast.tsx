"use client";

import { createContext, type FormEvent, type ReactNode, useActionState, useCallback, useContext, useEffect, useRef, useState, useTransition } from "react";
import { type ActionState, IDLE } from "@/lib/forms/action-state";

type Toast = { id: number; message: string; tone: "success" | "error" };
/** `announce`: also read the message out, for a control whose answer removes it (and its own status line) from the page. */
type Push = (message: string, tone?: Toast["tone"], options?: { announce?: boolean }) => void;

const ToastContext = createContext<Push | null>(null);
/** How many toasts the shell has shown: a page's notice steps aside once a later answer arrives (see PageNotice). */
const ToastCountContext = createContext(0);
const SHOWN_MS = 5_000;

/**
 * One small toast stack for the app shell. Toasts are the visual echo of an action's answer; the answer itself stays
 * in the form's own status line for screen readers (FormAlert), so the stack is hidden from them and holds nothing to
 * focus. A control the answer removes (a cancelled order's button, a revoked key's) has no line left to speak from:
 * its message goes to the shell's own status region, which is always mounted so screen readers hear it.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  // Keyed by the toast's id, so the same words twice (two orders cancelled) are read out twice.
  const [announced, setAnnounced] = useState<{ id: number; message: string } | null>(null);
  const next = useRef(0);
  const [shown, setShown] = useState(0);
  const push = useCallback<Push>((message, tone = "success", options) => {
    const id = ++next.current;
    setShown(id);
    setToasts((list) => [...list.slice(-2), { id, message, tone }]);
    if (options?.announce) setAnnounced({ id, message });
    setTimeout(() => setToasts((list) => list.filter((t) => t.id !== id)), SHOWN_MS);
  }, []);
  return (
    <ToastContext.Provider value={push}>
      <ToastCountContext.Provider value={shown}>{children}</ToastCountContext.Provider>
      {/* A live region rather than role="status": a page's own status line stays the one status on it. */}
      <div aria-live="polite" className="sr-only" data-testid="announcer">
        {announced ? <p key={announced.id}>{announced.message}</p> : null}
      </div>
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

/** How many toasts have been shown so far: a later count means a later answer. */
export function useToastCount(): number {
  return useContext(ToastCountContext);
}

function useToast(): Push {
  return useContext(ToastContext) ?? (() => {});
}

/**
 * Shows a toast each time a server action answers success (the same state object is not toasted twice); `announce`
 * reads it out too, for a form whose own status line goes with its success (see FormAlert).
 */
export function useActionToast(state: ActionState<unknown>, announce = false) {
  const push = useToast();
  useEffect(() => {
    if (state.status === "success") push(state.message, "success", { announce });
  }, [state, push, announce]);
}

type FormActionFn = (state: ActionState<never>, formData: FormData) => Promise<ActionState<never>>;

/**
 * An action for a control its own answer removes (a cancelled order's Cancel, a revoked key's Revoke, an ended
 * override's button), which would unmount before an effect could tell the answer. Without scripts the form posts to
 * the action itself (useActionState keeps that working, and shows its error after the post). With scripts `onSubmit`
 * calls the action here, so its success is toasted and read out by the shell as it arrives. Put both on the form.
 * `toastErrors`: an error that names no field is toasted and read out too, for an action whose failure can also
 * remove its control.
 */
export function useAnsweredAction(action: FormActionFn, options: { toastErrors?: boolean } = {}) {
  const [posted, formAction] = useActionState(action, IDLE);
  const [answer, setAnswer] = useState<ActionState<never>>(IDLE);
  const [pending, startTransition] = useTransition();
  const push = useToast();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // The button that submitted, as React's own form actions include it.
    const formData = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    startTransition(async () => {
      const next = await action(IDLE, formData);
      if (next.status === "success") push(next.message, "success", { announce: true });
      // An answer that is no field's to show (a send the client's standing stopped, which discards the email) can
      // remove the control too: toasted and read out as well, where the caller asks.
      else if (options.toastErrors && next.status === "error" && Object.keys(next.fieldErrors ?? {}).length === 0) push(next.message, "error", { announce: true });
      setAnswer(next);
    });
  };
  return { state: answer.status === "idle" ? posted : answer, formAction, onSubmit, pending };
}
