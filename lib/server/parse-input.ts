import "server-only";
import type { z } from "zod";
import { fieldErrorsFrom } from "@/lib/domain/validation";
import { ValidationError } from "@/lib/server/errors";

/** Parses a service's input or throws ValidationError naming each bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const withNul = nulFields(input);
  if (withNul.length) throw new ValidationError(Object.fromEntries(withNul.map((field) => [field, [NUL_MESSAGE]])));
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrorsFrom(parsed.error));
  return parsed.data;
}

const NUL_MESSAGE = "Remove the NUL character (\\u0000): no text field can store it.";

/**
 * The fields of `input` whose text holds a NUL character, by path ("notes", "lines.2.name"): PostgreSQL text cannot
 * store one, and a verb that let it through would fail in its query with a raw error that names no field.
 */
function nulFields(input: unknown, path: string[] = []): string[] {
  if (typeof input === "string") return input.includes("\u0000") ? [path.join(".") || "_form"] : [];
  if (Array.isArray(input)) return input.flatMap((item, i) => nulFields(item, [...path, String(i)]));
  if (input && typeof input === "object" && Object.getPrototypeOf(input) === Object.prototype) {
    return Object.entries(input).flatMap(([key, value]) => nulFields(value, [...path, key]));
  }
  return [];
}
