import type { z } from "zod";

/** Flattens zod issues into `{ "sizes.top": ["Too long"] }`, the shape forms and APIs report. */
export function fieldErrorsFrom(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}
