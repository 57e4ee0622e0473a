"use client";

import { useActionState, useEffect, useRef } from "react";
import { setUserPasswordAction } from "@/app/(app)/settings/actions";
import { errorProps, Input } from "@/components/ui/field";
import { rowPopoverClass } from "@/components/ui/row-popover";
import { useActionToast } from "@/components/ui/toast";
import { MIN_PASSWORD_LENGTH } from "@/lib/domain/access/user-input";
import { IDLE } from "@/lib/forms/action-state";

/**
 * An admin sets a person's password: a reset when they have lost theirs, or how the demo password is replaced
 * before a deployment (a production start refuses to run while an account still has it). A native <details>
 * disclosure, so it opens and posts without scripts.
 */
export function SetPasswordForm({ user, isSelf }: { user: { id: string; name: string }; isSelf: boolean }) {
  const [state, action, pending] = useActionState(setUserPasswordAction, IDLE);
  useActionToast(state);
  const id = `password-${user.id}`;
  const error = state.status === "error" ? (state.fieldErrors.password?.[0] ?? state.message) : undefined;
  const field = useRef<HTMLInputElement>(null);
  // After a refusal the keyboard goes back to the field to fix.
  useEffect(() => {
    if (state.status === "error") field.current?.focus();
  }, [state]);
  return (
    <details className="relative inline-block text-left">
      <summary className="cursor-pointer list-none rounded-md px-2.5 py-1.5 text-xs font-medium whitespace-nowrap text-stone-700 ring-1 ring-stone-300 hover:bg-stone-50 [&::-webkit-details-marker]:hidden">
        Set password
        <span className="sr-only"> for {user.name}</span>
      </summary>
      <form
        action={action}
        noValidate
        className={rowPopoverClass("space-y-2 sm:w-72")}
      >
        <input type="hidden" name="userId" value={user.id} />
        <label htmlFor={id} className="block font-medium text-stone-800">
          New password for {user.name}
        </label>
        <Input ref={field} id={id} name="password" type="password" autoComplete="new-password" minLength={MIN_PASSWORD_LENGTH} aria-describedby={`${id}-hint`} {...errorProps(id, error)} />
        {error ? (
          <p id={`${id}-error`} role="alert" className="text-red-700">
            {error}
          </p>
        ) : (
          <p id={`${id}-hint`} className="text-stone-500">
            At least {MIN_PASSWORD_LENGTH} characters. {isSelf ? "You are signed out everywhere and sign in again with it." : "They are signed out everywhere and sign in with it from now on."}
          </p>
        )}
        {state.status === "success" ? (
          <p role="status" className="text-emerald-800">
            {state.message}
          </p>
        ) : null}
        <button type="submit" disabled={pending} className="rounded-md bg-stone-900 px-2.5 py-1.5 font-medium text-white hover:bg-stone-800 disabled:opacity-60">
          {pending ? "Saving…" : "Save password"}
        </button>
      </form>
    </details>
  );
}
