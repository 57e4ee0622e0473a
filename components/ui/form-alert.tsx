import type { ActionState } from "@/lib/forms/action-state";

export function FormAlert({ state }: { state: ActionState }) {
  if (state.status === "idle") return null;
  const error = state.status === "error";
  return (
    <p
      role={error ? "alert" : "status"}
      className={error ? "rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200" : "rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-emerald-200"}
    >
      {state.message}
    </p>
  );
}
