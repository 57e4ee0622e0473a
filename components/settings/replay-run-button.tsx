"use client";

import { useActionState } from "react";
import { replayRunAction } from "@/app/(app)/settings/actions";
import { buttonClass } from "@/components/ui/button";
import { InlineError } from "@/components/ui/inline-error";
import { useActionToast } from "@/components/ui/toast";
import { IDLE } from "@/lib/forms/action-state";

/** Replays a failed run from its start with the same events. */
export function ReplayRunButton({ runId }: { runId: string }) {
  const [state, action, pending] = useActionState(replayRunAction, IDLE);
  useActionToast(state);
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="runId" value={runId} />
      <button type="submit" disabled={pending || state.status === "success"} className={buttonClass("secondary", "px-2.5 py-1 text-xs")}>
        {pending ? "Replaying…" : state.status === "success" ? "Replay queued" : "Replay"}
      </button>
      <InlineError state={state} />
    </form>
  );
}
