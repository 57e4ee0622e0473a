// The audit log's view as URL parameters: filters and the page's position. Anything malformed is dropped, not an error.
import { z } from "zod";

export type AuditQuery = { actor?: string; action?: string; subject?: string; before?: { at: Date; id: string } };

const cursor = z
  .string()
  .regex(/^\d{4}-\d\d-\d\dT[\d:.]+Z_[0-9a-f-]{36}$/)
  .transform((s) => {
    const [at = "", id = ""] = s.split("_");
    return { at: new Date(at), id };
  })
  .refine((c) => !Number.isNaN(c.at.getTime()));

const fields = {
  actor: z.uuid(),
  action: z.string().regex(/^[a-z_.]{1,80}$/),
  subject: z.string().trim().min(1).max(100),
  before: cursor,
};

export function parseAuditQuery(params: Record<string, string | string[] | undefined>): AuditQuery {
  const out: AuditQuery = {};
  for (const [name, schema] of Object.entries(fields)) {
    const raw = params[name];
    const parsed = schema.safeParse(Array.isArray(raw) ? raw[0] : raw);
    if (parsed.success) Object.assign(out, { [name]: parsed.data });
  }
  return out;
}

function auditCursor(entry: { createdAt: Date; id: string }): string {
  return `${entry.createdAt.toISOString()}_${entry.id}`;
}

/** The log's address for a query, with only the parameters that are set. */
export function auditHref(query: AuditQuery): string {
  const params = new URLSearchParams();
  if (query.actor) params.set("actor", query.actor);
  if (query.action) params.set("action", query.action);
  if (query.subject) params.set("subject", query.subject);
  if (query.before) params.set("before", auditCursor({ createdAt: query.before.at, id: query.before.id }));
  const search = params.toString();
  return search ? `/settings/audit?${search}` : "/settings/audit";
}
