"use client";

import { type RefObject, useEffect } from "react";
import type { EditableEmail } from "./email-editor";

export const EDITABLE_FIELDS = ["subject", "preheader", "body", "callToAction"] as const satisfies readonly (keyof EditableEmail)[];

/** Whether the editor's fields (the form's own, uncontrolled) hold words other than the saved ones. */
export function hasUnsavedEdits(form: HTMLFormElement | null | undefined, saved: EditableEmail): boolean {
  return EDITABLE_FIELDS.some((name) => {
    const field = form?.elements.namedItem(name);
    return (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) && field.value.trim() !== saved[name].trim();
  });
}

/**
 * Asks before leaving the page drops words typed into the editor and not saved: a reload, a close or an address
 * typed in (beforeunload), or a click on a link to another page. App Router links navigate without unloading the
 * page, so their clicks are caught first (capture phase) and stopped when the answer is no.
 */
export function useUnsavedEditsGuard(form: RefObject<HTMLFormElement | null>, saved: EditableEmail, active: boolean) {
  useEffect(() => {
    if (!active) return;
    const unsaved = () => hasUnsavedEdits(form.current, saved);
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (unsaved()) event.preventDefault();
    };
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
      if (!(link instanceof HTMLAnchorElement) || (link.target && link.target !== "_self")) return;
      const to = new URL(link.href, window.location.href);
      // A link within this page (#win-back-email) leaves nothing behind.
      if (to.origin === window.location.origin && to.pathname === window.location.pathname && to.search === window.location.search) return;
      if (unsaved() && !window.confirm("Leave this page? Your changes to the email are not saved.")) {
        event.preventDefault();
        event.stopPropagation();
      }
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [form, saved, active]);
}
