"use client";

import { revokeApiKeyAction } from "@/app/(app)/settings/actions";
import { ConfirmActionButton } from "@/components/ui/confirm-action-button";

export function RevokeApiKeyButton({ apiKeyId, name }: { apiKeyId: string; name: string }) {
  return (
    <ConfirmActionButton
      action={revokeApiKeyAction}
      fields={{ apiKeyId }}
      confirm={`Revoke "${name}"? Order systems using it are refused within 10 seconds (app servers keep keys briefly).`}
      label="Revoke"
      labelFor={`key ${name}`}
      confirmLabel="Yes, revoke this key"
      pendingLabel="Revoking…"
      className="rounded-md px-2.5 py-1.5 text-xs font-medium text-red-700 ring-1 ring-red-200 hover:bg-red-50"
    />
  );
}
