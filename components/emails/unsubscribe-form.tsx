"use client";

import { useActionState } from "react";
import { confirmUnsubscribeAction } from "@/app/unsubscribe/actions";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { IDLE } from "@/lib/forms/action-state";

export function UnsubscribeForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState(confirmUnsubscribeAction, IDLE);
  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      <FormAlert state={state} />
      {state.status === "success" ? null : (
        <Button type="submit" disabled={pending}>
          {pending ? "Unsubscribing…" : "Unsubscribe"}
        </Button>
      )}
    </form>
  );
}
