"use client";

import { usePathname } from "next/navigation";
import { type ReactNode, useEffect, useRef } from "react";

/**
 * The phone header's menu: a native <details>, so it opens without scripts, which also closes once a link in it
 * has been followed, on Escape (focus back on its button), and when a tap or focus lands outside it; otherwise it
 * stays open over the next page and hides what the keyboard moves to.
 */
export function PhoneMenu({ children }: { children: ReactNode }) {
  const menu = useRef<HTMLDetailsElement>(null);
  const pathname = usePathname();

  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [pathname]);

  useEffect(() => {
    const close = () => {
      if (menu.current) menu.current.open = false;
    };
    const outside = (event: Event) => {
      if (menu.current?.open && event.target instanceof Node && !menu.current.contains(event.target)) close();
    };
    const escape = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || !menu.current?.open) return;
      close();
      menu.current.querySelector("summary")?.focus();
    };
    document.addEventListener("pointerdown", outside);
    document.addEventListener("focusin", outside);
    document.addEventListener("keydown", escape);
    return () => {
      document.removeEventListener("pointerdown", outside);
      document.removeEventListener("focusin", outside);
      document.removeEventListener("keydown", escape);
    };
  }, []);

  return (
    <details ref={menu} className="group relative">
      <summary className="cursor-pointer list-none rounded-md px-3 py-1.5 text-sm font-medium text-stone-200 ring-1 ring-white/20 [&::-webkit-details-marker]:hidden">
        Menu
      </summary>
      <div className="absolute right-0 mt-2 w-60 rounded-xl bg-ink-900 pb-3 shadow-xl ring-1 ring-white/10">{children}</div>
    </details>
  );
}
