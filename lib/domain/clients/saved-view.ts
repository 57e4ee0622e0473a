import { z } from "zod";
import { listQueryString, parseClientListQuery } from "./list-query";

/**
 * A saved view's query string: the list's filters and sort read back through the list's own parser, so only what the
 * list understands is kept (no page position, nothing unknown).
 */
function savedViewQuery(text: string): string {
  return listQueryString(parseClientListQuery(new URLSearchParams(text)));
}

export const savedViewInputSchema = z.object({
  name: z.string("Name the view").trim().min(1, "Name the view").max(60, "Keep the name to 60 characters or fewer"),
  query: z.string().max(2000).default("").transform(savedViewQuery),
});
