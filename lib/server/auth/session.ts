import "server-only";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { can, type Permission, type UserActor } from "@/lib/domain/access/policy";
import { contextFor, type ServiceContext } from "@/lib/server/context";
import { db } from "@/lib/server/db/client";
import { auth } from "./auth";
import { sessionUser } from "./sessions";

const UUID = /^[0-9a-f-]{36}$/i;

/**
 * The signed-in user, re-read from the database on every request so that a role change, a deactivation
 * or a sign-out takes effect at once, whatever the session cookie says.
 */
export const currentActor = cache(async (): Promise<UserActor | null> => {
  const session = await auth();
  const userId = session?.user?.id;
  const sessionId = session?.sessionId;
  if (!userId || !sessionId || !UUID.test(userId) || !UUID.test(sessionId)) return null;
  const user = await sessionUser(db, userId, sessionId);
  if (!user) return null;
  return { type: "user", id: user.id, role: user.role, name: user.name, email: user.email };
});

/** For pages: the service context of the signed-in user, or a redirect to sign-in / a 403 page. */
export async function requirePageContext(permission?: Permission): Promise<ServiceContext & { actor: UserActor }> {
  const actor = await currentActor();
  if (!actor) redirect("/login");
  if (permission && !can(actor, permission)) forbidden();
  return { ...contextFor(actor), actor };
}
