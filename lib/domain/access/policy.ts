/**
 * Who may do what. The one place access is decided; lib/server/auth/permissions.ts applies it to
 * requests and queries. Pure so the whole matrix is unit-tested.
 */
export const ROLES = ["admin", "marketer", "stylist"] as const;
export type Role = (typeof ROLES)[number];

export type UserActor = { type: "user"; id: string; role: Role; name: string; email: string };
/** Background jobs and start-up scripts act as the system. */
export type SystemActor = { type: "system"; name: string };
export type Actor = UserActor | SystemActor;

export const PERMISSIONS = [
  "clients.read",
  "clients.create",
  "clients.update",
  "clients.assign", // move a client to another stylist
  "orders.write",
  "emails.write", // draft, edit, approve and send win-back emails (a stylist: for their own clients)
  "emails.review", // the review queue across all stylists, and sending whatever is due at once (the mailbox is an admin page: settings.manage)
  "analytics.view",
  "data.import",
  "settings.manage",
  "users.manage",
  "apiKeys.manage",
  "audit.view",
  "demo.control", // demo controls: rescore as of a date, override a tier for some days
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set(PERMISSIONS),
  marketer: new Set<Permission>(["clients.read", "clients.create", "clients.update", "clients.assign", "orders.write", "emails.write", "emails.review", "analytics.view", "data.import"]),
  // A stylist's client permissions are further limited to their own clients by clientScope.
  stylist: new Set<Permission>(["clients.read", "clients.create", "clients.update", "orders.write", "emails.write"]),
};

export function can(actor: Actor, permission: Permission): boolean {
  if (actor.type === "system") return true;
  return GRANTS[actor.role].has(permission);
}

/** Which clients an actor may see and change: all of them, or only those assigned to one stylist. */
type ClientScope = { kind: "all" } | { kind: "stylist"; stylistId: string };

export function clientScope(actor: Actor): ClientScope {
  if (actor.type === "user" && actor.role === "stylist") return { kind: "stylist", stylistId: actor.id };
  return { kind: "all" };
}

export function actorLabel(actor: Actor): string {
  return actor.type === "system" ? `system:${actor.name}` : `${actor.name} <${actor.email}>`;
}
