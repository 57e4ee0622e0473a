import "server-only";
import type { z } from "zod";
import { fieldErrorsFrom } from "@/lib/domain/validation";
import { ValidationError } from "@/lib/server/errors";

/** Parses a service's input or throws ValidationError naming each bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrorsFrom(parsed.error));
  return parsed.data;
}
