import "server-only";
import { eq, type SQL } from "drizzle-orm";
import { type Actor, can, clientScope, type Permission } from "@/lib/domain/access/policy";
import { clients } from "@/lib/server/db/schema";
import { ForbiddenError } from "@/lib/server/errors";

export { can, canAccessClient, clientScope } from "@/lib/domain/access/policy";

/** Throws ForbiddenError unless the actor holds the permission. Every entry point calls this. */
export function authorize(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw new ForbiddenError();
}

/** The WHERE clause that limits a client query to what the actor may see; undefined means no limit. */
export function clientScopeWhere(actor: Actor): SQL | undefined {
  const scope = clientScope(actor);
  return scope.kind === "all" ? undefined : eq(clients.stylistId, scope.stylistId);
}
