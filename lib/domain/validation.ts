import { z } from "zod";

/** Flattens zod issues into `{ "sizes.top": ["Too long"] }`, the shape forms and APIs report. */
export function fieldErrorsFrom(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/** An optional calendar day from a URL, YYYY-MM-DD and a real date; blank or anything else means none. */
export const optionalDayParam = z.preprocess(
  (v) => (v === "" ? undefined : v),
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s))
    .optional()
    .catch(undefined),
);
