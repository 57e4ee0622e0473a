"use client";

import { clearTierOverrideAction } from "@/app/(app)/settings/demo/actions";
import { buttonClass } from "@/components/ui/button";
import { InlineError } from "@/components/ui/inline-error";
import { useAnsweredAction } from "@/components/ui/toast";

/** Ends a demo tier override now. */
export function ClearOverrideButton({ clientId, clientName }: { clientId: string; clientName: string }) {
  const { state, formAction, onSubmit, pending } = useAnsweredAction(clearTierOverrideAction);
  return (
    <form action={formAction} onSubmit={onSubmit} className="inline-flex items-center gap-2">
      <input type="hidden" name="clientId" value={clientId} />
      <button type="submit" disabled={pending} className={buttonClass("secondary", "px-2.5 py-1 text-xs whitespace-nowrap")}>
        {pending ? "Ending…" : "End override"}
        <span className="sr-only"> for {clientName}</span>
      </button>
      <InlineError state={state} />
    </form>
  );
}
