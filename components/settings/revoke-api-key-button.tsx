"use client";

import { useActionState } from "react";
import { revokeApiKeyAction } from "@/app/(app)/settings/actions";
import { IDLE } from "@/lib/forms/action-state";

export function RevokeApiKeyButton({ apiKeyId, name }: { apiKeyId: string; name: string }) {
  const [state, action, pending] = useActionState(revokeApiKeyAction, IDLE);
  return (
    <form
      action={action}
      onSubmit={(event) => {
        if (!window.confirm(`Revoke "${name}"? Order systems using it will be refused at once.`)) event.preventDefault();
      }}
    >
      <input type="hidden" name="apiKeyId" value={apiKeyId} />
      <button type="submit" disabled={pending} className="rounded-md px-2.5 py-1.5 text-xs font-medium text-red-700 ring-1 ring-red-200 hover:bg-red-50">
        {pending ? "Revoking…" : "Revoke"}
      </button>
      {state.status === "error" ? <span role="alert" className="ml-2 text-xs text-red-700">{state.message}</span> : null}
    </form>
  );
}
