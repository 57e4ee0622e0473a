import type { Route } from "next";
import { can, type Permission, type UserActor } from "@/lib/domain/access/policy";

export type NavItem = { href: Route; label: string; permission: Permission };

const NAV: NavItem[] = [
  { href: "/overview", label: "Overview", permission: "clients.read" },
  { href: "/today", label: "Today", permission: "clients.read" },
  { href: "/clients", label: "Clients", permission: "clients.read" },
  { href: "/emails", label: "Emails", permission: "emails.write" },
  { href: "/import", label: "Import", permission: "data.import" },
  { href: "/backtest", label: "Model check", permission: "analytics.view" },
  { href: "/mailbox", label: "Mailbox", permission: "settings.manage" },
  { href: "/settings", label: "Settings", permission: "settings.manage" },
];

/** The navigation a user sees: only what their role may open. */
export function navFor(actor: UserActor): NavItem[] {
  return NAV.filter((item) => can(actor, item.permission));
}
