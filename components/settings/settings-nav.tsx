"use client";

import type { Route } from "next";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

const TABS: { href: Route; label: string }[] = [
  { href: "/settings", label: "Engagement" },
  { href: "/settings/scoring", label: "Scoring" },
  { href: "/settings/email", label: "Email policy" },
  { href: "/settings/users", label: "Users" },
  { href: "/settings/api-keys", label: "API keys" },
  { href: "/settings/webhooks", label: "Webhooks" },
  { href: "/settings/runs", label: "Runs" },
  { href: "/settings/audit", label: "Audit log" },
  { href: "/settings/demo", label: "Demo" },
];

export function SettingsNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Settings" className="mb-6 border-b border-stone-200">
      <ul className="flex flex-wrap gap-x-1">
        {TABS.map((tab) => {
          const active = pathname === tab.href;
          return (
            <li key={tab.href}>
              <Link
                href={tab.href}
                aria-current={active ? "page" : undefined}
                className={cn("block border-b-2 px-3 py-2.5 text-sm font-medium whitespace-nowrap", active ? "border-ember-600 text-ember-700" : "border-transparent text-stone-600 hover:text-stone-900")}
              >
                {tab.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
