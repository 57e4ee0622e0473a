"use client";

import type { Route } from "next";
import { useRouter } from "next/navigation";
import type { ComponentProps } from "react";

/** Only the filters that are set go into the address: `/clients?tier=watch`, not `?q=&stylist=&tier=watch`. */
export function filterHref(action: string, form: HTMLFormElement): string {
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
        if (event.target instanceof HTMLSelectElement) event.currentTarget.requestSubmit();
      }}
    >
      {children}
    </form>
  );
}
