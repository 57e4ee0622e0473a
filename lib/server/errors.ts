import "server-only";

export type FieldErrors = Record<string, string[]>;

/** Errors a service throws on purpose; each maps to one HTTP status and one kind of user message. */
export abstract class AppError extends Error {
  abstract readonly status: number;
}

export class ValidationError extends AppError {
  readonly status = 400;
  constructor(
    readonly fieldErrors: FieldErrors,
    message = "Some fields need attention.",
  ) {
    super(message);
  }
}

export class NotFoundError extends AppError {
  readonly status = 404;
  constructor(what: string) {
    super(`${what} was not found.`);
  }
}

export class ForbiddenError extends AppError {
  readonly status = 403;
  constructor(message = "You are not allowed to do that.") {
    super(message);
  }
}

export class UnauthenticatedError extends AppError {
  readonly status = 401;
  constructor(message = "Sign in to continue.") {
    super(message);
  }
}

export class ConflictError extends AppError {
  readonly status = 409;
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const cause = (error as { cause?: unknown })?.cause ?? error;
  const pg = cause as { code?: string; constraint_name?: string; constraint?: string };
  if (pg?.code !== "23505") return false;
  return !constraint || pg.constraint_name === constraint || pg.constraint === constraint;
}
