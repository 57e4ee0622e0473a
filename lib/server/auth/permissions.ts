import "server-only";
import { eq, type SQL } from "drizzle-orm";
import { type Actor, can, clientScope, type Permission, type UserActor } from "@/lib/domain/access/policy";
import { clients } from "@/lib/server/db/schema";
import { ForbiddenError } from "@/lib/server/errors";

export { can, clientScope } from "@/lib/domain/access/policy";

/** Throws ForbiddenError unless the actor holds the permission. Every entry point calls this. */
export function authorize(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw new ForbiddenError();
}

/** The actor as a signed-in person, for what belongs to one (saved views); a system actor is refused. */
export function requireUser(actor: Actor): UserActor {
  if (actor.type !== "user") throw new ForbiddenError();
  return actor;
}

/** The WHERE clause that limits a client query to what the actor may see; undefined means no limit. */
export function clientScopeWhere(actor: Actor): SQL | undefined {
  const scope = clientScope(actor);
  return scope.kind === "all" ? undefined : eq(clients.stylistId, scope.stylistId);
}
