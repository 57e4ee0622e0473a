"use client";

import type { Route } from "next";
import Link from "next/link";
import { useRouter } from "next/navigation";
import type { ComponentProps } from "react";
import { buttonClass } from "@/components/ui/button";

/** Only the filters that are set go into the address: `/clients?tier=watch`, not `?q=&stylist=&tier=watch`. */
function filterHref(action: string, form: HTMLFormElement): string {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(form)) if (typeof value === "string" && value.trim() !== "") params.append(name, value.trim());
  const query = params.toString();
  return query ? `${action}?${query}` : action;
}

/**
 * A GET form that applies a choice as soon as it is made and keeps empty filters out of the URL. Without
 * scripts it is still a plain GET form with its Apply button.
 */
export function FilterForm({ action, children, ...props }: Omit<ComponentProps<"form">, "action" | "onChange" | "onSubmit"> & { action: string }) {
  const router = useRouter();
  return (
    <form
      {...props}
      action={action}
      onSubmit={(event) => {
        event.preventDefault();
        router.push(filterHref(action, event.currentTarget) as Route);
      }}
      onChange={(event) => {
        // A choice (a select, a ticked tier) applies at once; typed values wait for Apply or Enter.
        const target = event.target;
        if (target instanceof HTMLSelectElement || (target instanceof HTMLInputElement && (target.type === "checkbox" || target.type === "radio"))) event.currentTarget.requestSubmit();
      }}
    >
      {children}
    </form>
  );
}

/** Apply (for typed search, and for browsers without scripts) and, once anything is set, Clear. */
export function FilterButtons({ clearHref, showClear }: { clearHref: Route; showClear: boolean }) {
  return (
    <div className="flex gap-2">
      <button type="submit" className={buttonClass("secondary")}>
        Apply
      </button>
      {showClear ? (
        <Link href={clearHref} className={buttonClass("ghost")}>
          Clear
        </Link>
      ) : null}
    </div>
  );
}
