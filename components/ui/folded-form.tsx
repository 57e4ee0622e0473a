"use client";

import { type ReactNode, useEffect, useRef } from "react";
import type { ActionState } from "@/lib/forms/action-state";
import { rowPopoverClass } from "./row-popover";

/**
 * A small form folded under its button (Snooze, Log contact): opened to show what needs fixing, folded away again once
 * the action succeeds (a page that stays put would otherwise keep an emptied form open). Forms of one `group` (one
 * client's) open one at a time: the browser folds the others (details elements sharing a name). `popover`: in a row of
 * buttons (Today), the form opens over the page rather than among them, so the buttons stay where they were; one
 * at a time on the page, and Escape folds it.
 */
export function FoldedForm({
  label,
  labelFor,
  group,
  state,
  popover = false,
  children,
}: {
  label: string;
  labelFor: string;
  group: string;
  state: ActionState<never>;
  popover?: boolean;
  children: ReactNode;
}) {
  const folded = useRef<HTMLDetailsElement>(null);
  const summary = useRef<HTMLElement>(null);
  useEffect(() => {
    const details = folded.current;
    if (!details || state.status === "idle") return;
    const hadFocus = details.contains(document.activeElement) || document.activeElement === document.body || document.activeElement === null;
    details.open = state.status === "error";
    // Folded away, the form took the keyboard's place with it: back to the button that opened it.
    if (state.status === "success" && hadFocus) summary.current?.focus();
  }, [state]);
  return (
    <details
      ref={folded}
      // Popovers open one at a time on the page (they would cover each other); inline forms one per client.
      name={popover ? "folded-popover" : `folded-${group}`}
      className={popover ? "group relative" : "group"}
      open={state.status === "error"}
      onKeyDown={(event) => {
        if (event.key !== "Escape" || !folded.current?.open) return;
        folded.current.open = false;
        summary.current?.focus();
      }}
    >
      <summary
        ref={summary}
        className="w-fit cursor-pointer list-none rounded-lg px-3 py-2 text-sm font-medium text-stone-700 ring-1 ring-stone-300 hover:bg-stone-50 focus-visible:outline-2 focus-visible:outline-ember-500"
      >
        {label}
        <span className="sr-only"> {labelFor}</span>
      </summary>
      {popover ? (
        <div className={rowPopoverClass("max-h-[calc(100dvh-2rem)] overflow-y-auto text-sm sm:w-80 [&>form]:mt-0")}>
          {/* Over the page (a sheet at the bottom of a phone), it may cover its row: it names whom it is for. The
              button that opened it already says so to a screen reader. */}
          <p aria-hidden="true" className="mb-2 font-semibold text-stone-900">
            {label} {labelFor}
          </p>
          {children}
        </div>
      ) : (
        children
      )}
    </details>
  );
}
