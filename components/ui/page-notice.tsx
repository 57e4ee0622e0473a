"use client";

import { useEffect, useState } from "react";
import { useToastCount } from "@/components/ui/toast";

/**
 * What a form that redirected here did ("Client created.", "Snoozed until …"), told once: the query key that carried it
 * (`?created=1`) leaves the address as it shows, so a reload, a bookmark or a shared link does not say it again. It
 * steps aside when a later action on the page answers (a toast), so "Client created." does not sit above the news.
 */
export function PageNotice({ text, keys }: { text: string; keys: readonly string[] }) {
  const toasts = useToastCount();
  const [toastsBefore] = useState(toasts);
  useEffect(() => {
    const url = new URL(window.location.href);
    const had = keys.filter((key) => url.searchParams.has(key));
    if (had.length === 0) return;
    for (const key of had) url.searchParams.delete(key);
    // The address only: no navigation, so the notice stays on screen.
    window.history.replaceState(window.history.state, "", `${url.pathname}${url.search}${url.hash}`);
  }, [keys]);
  if (toasts > toastsBefore) return null;
  return (
    <p role="status" className="mb-6 rounded-lg bg-emerald-50 px-4 py-2.5 text-sm text-emerald-800 ring-1 ring-emerald-200">
      {text}
    </p>
  );
}
