"use client";

import { type ReactNode, useEffect, useRef } from "react";
import type { ActionState } from "@/lib/forms/action-state";

/**
 * A small form folded under its button (Snooze, Log contact): opened to show what needs fixing, folded away again once
 * the action succeeds (a page that stays put would otherwise keep an emptied form open). Forms of one `group` (one
 * client's) open one at a time: the browser folds the others (details elements sharing a name).
 */
export function FoldedForm({ label, labelFor, group, state, children }: { label: string; labelFor: string; group: string; state: ActionState<never>; children: ReactNode }) {
  const folded = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (folded.current && state.status !== "idle") folded.current.open = state.status === "error";
  }, [state]);
  return (
    <details ref={folded} name={`folded-${group}`} className="group" open={state.status === "error"}>
      <summary className="w-fit cursor-pointer list-none rounded-lg px-3 py-2 text-sm font-medium text-stone-700 ring-1 ring-stone-300 hover:bg-stone-50 focus-visible:outline-2 focus-visible:outline-ember-500">
        {label}
        <span className="sr-only"> {labelFor}</span>
      </summary>
      {children}
    </details>
  );
}
