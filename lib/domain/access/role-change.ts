import type { Role } from "./policy";

const ROLE_NAMES: Record<Role, string> = { admin: "an admin", marketer: "a marketer", stylist: "a stylist" };

export function roleName(role: Role): string {
  return ROLE_NAMES[role];
}

/**
 * What a role change means beyond the label, in one sentence, when it needs a second look: an admin
 * manages users, settings and keys; a stylist who stops being one leaves their clients without a stylist.
 * Null when the change needs no confirmation.
 */
export function roleChangeWarning(change: { name: string; from: Role; to: Role; clientCount: number }): string | null {
  const { name, from, to, clientCount } = change;
  if (from === to) return null;
  const parts: string[] = [];
  if (to === "admin") parts.push(`${name} will be able to manage users, settings, API keys and every client`);
  if (from === "stylist" && clientCount > 0) {
    const clients = clientCount === 1 ? "1 client becomes" : `${clientCount.toLocaleString("en-US")} clients become`;
    parts.push(`${name}'s ${clients} unassigned`);
  }
  if (parts.length === 0) return null;
  return `Make ${name} ${roleName(to)}? ${parts.join(", and ")}.`;
}
