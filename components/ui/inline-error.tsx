import type { ActionState } from "@/lib/forms/action-state";

/** A small row action's error, beside its button. */
export function InlineError({ state }: { state: ActionState }) {
  if (state.status !== "error") return null;
  return (
    <span role="alert" className="text-xs text-red-700">
      {state.message}
    </span>
  );
}
