import "server-only";
import { can, type Permission } from "@/lib/domain/access/policy";
import { currentActor } from "@/lib/server/auth/session";
import { contextFor, type ServiceContext } from "@/lib/server/context";
import { AppError, type AppErrorKind, ForbiddenError, UnauthenticatedError, ValidationError } from "@/lib/server/errors";

const STATUS: Record<AppErrorKind, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
};

/** The one way a JSON route answers an error: typed errors become their status and message; anything else is logged and answered 500. */
export function errorResponse(error: unknown): Response {
  if (error instanceof ValidationError) return Response.json({ error: error.message, fieldErrors: error.fieldErrors }, { status: STATUS.validation });
  if (error instanceof AppError) return Response.json({ error: error.message }, { status: STATUS[error.kind] });
  console.error("A request failed", error);
  return Response.json({ error: "Something went wrong on our side; please try again." }, { status: 500 });
}

/**
 * Every session-authenticated JSON route goes through here: it resolves the signed-in user, checks the permission
 * the route needs, hands the context to the handler and turns errors into answers (see errorResponse).
 */
export function jsonRoute<A extends unknown[]>(
  permission: Permission,
  handler: (ctx: ServiceContext, ...args: A) => Promise<Response>,
): (...args: A) => Promise<Response> {
  return async (...args) => {
    try {
      const actor = await currentActor();
      if (!actor) throw new UnauthenticatedError();
      if (!can(actor, permission)) throw new ForbiddenError();
      return await handler(contextFor(actor), ...args);
    } catch (error) {
      return errorResponse(error);
    }
  };
}
