import "server-only";
import { can } from "@/lib/domain/access/policy";
import { currentActor } from "@/lib/server/auth/session";
import { contextFor, type ServiceContext } from "@/lib/server/context";
import { AppError, ValidationError } from "@/lib/server/errors";

/** The signed-in user allowed to import, or the 401/403 answer for a route handler. */
export async function importContext(): Promise<ServiceContext | Response> {
  const actor = await currentActor();
  if (!actor) return Response.json({ error: "Sign in to continue." }, { status: 401 });
  if (!can(actor, "data.import")) return Response.json({ error: "You are not allowed to import data." }, { status: 403 });
  return contextFor(actor);
}

/** Typed errors become their status with a message; anything else is logged and answered 500. */
export function importErrorResponse(error: unknown): Response {
  if (error instanceof ValidationError) return Response.json({ error: error.message, fieldErrors: error.fieldErrors }, { status: 400 });
  if (error instanceof AppError) return Response.json({ error: error.message }, { status: error.status });
  console.error("Import request failed", error);
  return Response.json({ error: "Something went wrong on our side; please try again." }, { status: 500 });
}
