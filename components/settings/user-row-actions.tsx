"use client";

import { useActionState } from "react";
import { useActionToast } from "@/components/ui/toast";
import { changeUserRoleAction, setUserActiveAction } from "@/app/(app)/settings/actions";
import { Select } from "@/components/ui/field";
import { SetPasswordForm } from "./set-password-form";
import type { Role } from "@/lib/domain/access/policy";
import { IDLE, type ActionState } from "@/lib/forms/action-state";

const ROLE_OPTIONS: { value: Role; label: string }[] = [
  { value: "stylist", label: "Stylist" },
  { value: "marketer", label: "Marketer" },
  { value: "admin", label: "Admin" },
];

/** The role a row shows: what was just submitted while a question or an error is pending, else the stored one. */
function shownRole(state: ActionState, stored: Role): string {
  return state.status === "error" && typeof state.values.role === "string" ? state.values.role : stored;
}

/**
 * A person's role, password and active switch. The role posts with its own button (it works without scripts); a change
 * that needs a second look comes back with the sentence saying what it means and a button that confirms it.
 */
export function UserRowActions({ user, isSelf }: { user: { id: string; name: string; role: Role; active: boolean }; isSelf: boolean }) {
  const [roleState, roleAction, rolePending] = useActionState(changeUserRoleAction, IDLE);
  const [activeState, activeAction, activePending] = useActionState(setUserActiveAction, IDLE);
  useActionToast(roleState);
  useActionToast(activeState);
  const question = roleState.status === "error" ? roleState.fieldErrors.confirmed?.[0] : undefined;
  const error = [roleState, activeState].find((s) => s.status === "error" && !(s === roleState && question));
  const success = [roleState, activeState].find((s) => s.status === "success");
  return (
    <div className="flex w-full flex-wrap items-center justify-end gap-2 sm:w-auto">
      {/* Keyed by what it shows, so React's reset after an action lands on the saved role, not the old one. */}
      <form key={`${user.role}-${shownRole(roleState, user.role)}`} action={roleAction} className="flex flex-col items-end gap-2">
        <input type="hidden" name="userId" value={user.id} />
        <div className="flex items-center gap-2">
          <label htmlFor={`role-${user.id}`} className="sr-only">
            Role for {user.name}
          </label>
          {/* The select fills its box (inputClass is w-full), so the box sets its width. */}
          <div className="w-32 shrink-0">
            <Select id={`role-${user.id}`} name="role" defaultValue={shownRole(roleState, user.role)} disabled={rolePending} className="py-1.5">
              {ROLE_OPTIONS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </Select>
          </div>
          <button type="submit" disabled={rolePending} className="rounded-md px-2.5 py-1.5 text-xs font-medium whitespace-nowrap text-stone-700 ring-1 ring-stone-300 hover:bg-stone-50">
            {rolePending ? "Saving…" : "Change role"}
          </button>
        </div>
        {question ? (
          <div role="alert" className="w-full max-w-sm rounded-lg bg-amber-50 p-3 text-left text-xs text-amber-900 ring-1 ring-amber-200">
            <p>{question}</p>
            <button type="submit" name="confirmed" value="yes" disabled={rolePending} className="mt-2 rounded-md bg-amber-700 px-2.5 py-1.5 font-medium text-white hover:bg-amber-800">
              Yes, change the role
            </button>
          </div>
        ) : null}
      </form>
      <SetPasswordForm user={user} isSelf={isSelf} />
      {isSelf ? null : (
        <form action={activeAction}>
          <input type="hidden" name="userId" value={user.id} />
          <input type="hidden" name="active" value={String(!user.active)} />
          <button type="submit" disabled={activePending} className={user.active ? "rounded-md px-2.5 py-1.5 text-xs font-medium text-red-700 ring-1 ring-red-200 hover:bg-red-50" : "rounded-md px-2.5 py-1.5 text-xs font-medium text-emerald-800 ring-1 ring-emerald-200 hover:bg-emerald-50"}>
            {user.active ? "Deactivate" : "Reactivate"}
            <span className="sr-only"> {user.name}</span>
          </button>
        </form>
      )}
      {error && error.status === "error" ? <p role="alert" className="w-full text-right text-xs text-red-700">{error.message}</p> : null}
      {success && success.status === "success" ? <p role="status" className="w-full text-right text-xs text-emerald-800">{success.message}</p> : null}
    </div>
  );
}
