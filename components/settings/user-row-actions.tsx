"use client";

import { useActionState } from "react";
import { changeUserRoleAction, setUserActiveAction } from "@/app/(app)/settings/actions";
import { Select } from "@/components/ui/field";
import type { Role } from "@/lib/domain/access/policy";
import { IDLE } from "@/lib/forms/action-state";

export function UserRowActions({ user, isSelf }: { user: { id: string; name: string; role: Role; active: boolean }; isSelf: boolean }) {
  const [roleState, roleAction, rolePending] = useActionState(changeUserRoleAction, IDLE);
  const [activeState, activeAction, activePending] = useActionState(setUserActiveAction, IDLE);
  const message = [roleState, activeState].find((s) => s.status === "error");
  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      <form action={roleAction} className="flex items-center gap-2">
        <input type="hidden" name="userId" value={user.id} />
        <label htmlFor={`role-${user.id}`} className="sr-only">
          Role for {user.name}
        </label>
        <Select
          id={`role-${user.id}`}
          name="role"
          defaultValue={user.role}
          disabled={rolePending}
          className="w-32 py-1.5"
          onChange={(event) => event.currentTarget.form?.requestSubmit()}
        >
          <option value="stylist">Stylist</option>
          <option value="marketer">Marketer</option>
          <option value="admin">Admin</option>
        </Select>
      </form>
      {isSelf ? null : (
        <form action={activeAction}>
          <input type="hidden" name="userId" value={user.id} />
          <input type="hidden" name="active" value={String(!user.active)} />
          <button type="submit" disabled={activePending} className={user.active ? "rounded-md px-2.5 py-1.5 text-xs font-medium text-red-700 ring-1 ring-red-200 hover:bg-red-50" : "rounded-md px-2.5 py-1.5 text-xs font-medium text-emerald-800 ring-1 ring-emerald-200 hover:bg-emerald-50"}>
            {user.active ? "Deactivate" : "Reactivate"}
          </button>
        </form>
      )}
      {message && message.status === "error" ? <p role="alert" className="w-full text-right text-xs text-red-700">{message.message}</p> : null}
    </div>
  );
}
