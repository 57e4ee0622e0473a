import "server-only";
import { can, type Permission } from "@/lib/domain/access/policy";
import { currentActor } from "@/lib/server/auth/session";
import { contextFor, type ServiceContext } from "@/lib/server/context";
import { AppError, ValidationError } from "@/lib/server/errors";

/** The signed-in user holding `permission`, or the 401/403 answer for a route handler. */
export async function sessionRouteContext(permission: Permission, refusal = "You are not allowed to do that."): Promise<ServiceContext | Response> {
  const actor = await currentActor();
  if (!actor) return Response.json({ error: "Sign in to continue." }, { status: 401 });
  if (!can(actor, permission)) return Response.json({ error: refusal }, { status: 403 });
  return contextFor(actor);
}

/** Typed errors become their status with a message; anything else is logged and answered 500. */
export function errorResponse(error: unknown, what: string): Response {
  if (error instanceof ValidationError) return Response.json({ error: error.message, fieldErrors: error.fieldErrors }, { status: 400 });
  if (error instanceof AppError) return Response.json({ error: error.message }, { status: error.status });
  console.error(`${what} failed`, error);
  return Response.json({ error: "Something went wrong on our side; please try again." }, { status: 500 });
}
