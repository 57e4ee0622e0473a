import Link from "next/link";
import type { ReactNode } from "react";
import { QueryProvider } from "@/components/providers/query-provider";
import { ToastProvider } from "@/components/ui/toast";
import type { UserActor } from "@/lib/domain/access/policy";
import { Brand } from "./brand";
import { navFor } from "./nav-items";
import { NavLinks } from "./nav-links";
import { PhoneMenu } from "./phone-menu";
import { UserMenu } from "./user-menu";

export function AppShell({ actor, children }: { actor: UserActor; children: ReactNode }) {
  const items = navFor(actor);
  return (
    <div className="min-h-dvh lg:grid lg:grid-cols-[15rem_minmax(0,1fr)]">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-3 focus:top-3 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <aside className="hidden bg-ink-950 lg:sticky lg:top-0 lg:flex lg:h-dvh lg:flex-col lg:justify-between lg:py-5">
        <div className="px-3">
          <Link href="/clients" className="mb-8 block px-3 text-white">
            <Brand className="text-lg" />
          </Link>
          <nav aria-label="Main">
            <NavLinks items={items} variant="sidebar" />
          </nav>
        </div>
        <UserMenu actor={actor} />
      </aside>
      <header className="sticky top-0 z-30 flex items-center justify-between bg-ink-950 px-4 py-3 lg:hidden">
        <Link href="/clients" className="text-white">
          <Brand />
        </Link>
        <PhoneMenu>
          <nav aria-label="Main">
            <NavLinks items={items} variant="menu" />
          </nav>
          <UserMenu actor={actor} />
        </PhoneMenu>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto w-full focus:outline-none min-w-0 max-w-6xl px-4 py-6 sm:px-6 lg:px-10 lg:py-10">
        <QueryProvider>
          <ToastProvider>{children}</ToastProvider>
        </QueryProvider>
      </main>
    </div>
  );
}
