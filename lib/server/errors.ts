import "server-only";

type FieldErrors = Record<string, string[]>;

/** What went wrong, in the domain's words; each transport (form state, JSON route) decides how to answer it. */
export type AppErrorKind = "validation" | "not_found" | "forbidden" | "unauthenticated" | "conflict" | "too_large";

/** Errors a service throws on purpose. The message is meant for the person who made the request. */
export abstract class AppError extends Error {
  abstract readonly kind: AppErrorKind;
}

export class ValidationError extends AppError {
  readonly kind = "validation";
  constructor(
    readonly fieldErrors: FieldErrors,
    message = "Some fields need attention.",
  ) {
    super(message);
  }
}

export class NotFoundError extends AppError {
  readonly kind = "not_found";
  constructor(what: string) {
    super(`${what} was not found.`);
  }
}

export class ForbiddenError extends AppError {
  readonly kind = "forbidden";
  constructor(message = "You are not allowed to do that.") {
    super(message);
  }
}

export class UnauthenticatedError extends AppError {
  readonly kind = "unauthenticated";
  constructor(message = "Sign in to continue.") {
    super(message);
  }
}

export class ConflictError extends AppError {
  readonly kind = "conflict";
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Something sent was bigger than Rekindle takes (an upload past its cap). */
export class TooLargeError extends AppError {
  readonly kind = "too_large";
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const cause = (error as { cause?: unknown })?.cause ?? error;
  const pg = cause as { code?: string; constraint_name?: string; constraint?: string };
  if (pg?.code !== "23505") return false;
  return !constraint || pg.constraint_name === constraint || pg.constraint === constraint;
}
