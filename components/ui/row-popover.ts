import { cn } from "./cn";

/**
 * The panel a row's <details> disclosure opens (a confirmation, a small form): under its button on wide screens, a
 * sheet along the bottom edge on phones, where a row has no room beside it.
 */
export const rowPopoverClass = (extra?: string) =>
  cn("fixed inset-x-4 bottom-4 z-20 rounded-lg bg-white p-3 text-left text-xs text-stone-700 shadow-lg ring-1 ring-stone-200 sm:absolute sm:inset-x-auto sm:right-0 sm:bottom-auto sm:mt-1", extra);
