import type { z } from "zod";

/** One problem with a payload, named the way the sender wrote it: `orders[3].value_cents`. */
export type IngestIssue = { path: string; message: string };

/** ["orders", 3, "value_cents"] → "orders[3].value_cents". */
function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

export function issuesFrom(error: z.ZodError, prefix: readonly PropertyKey[] = []): IngestIssue[] {
  return error.issues.map((issue) => ({ path: formatPath([...prefix, ...issue.path]) || "(body)", message: issue.message }));
}
