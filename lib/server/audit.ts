import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { actorLabel } from "@/lib/domain/access/policy";
import type { ServiceContext } from "@/lib/server/context";
import type { Executor } from "@/lib/server/db/client";

type AuditEntry = { action: string; entityType: string; entityId?: string | null; before?: unknown; after?: unknown };

/** Writes one audit row with the change; call it inside the transaction that made the change. */
export async function writeAudit(tx: Executor, actor: ServiceContext["actor"], entry: AuditEntry) {
  await writeAudits(tx, [{ actor, ...entry }]);
}

type AuditRow = AuditEntry & { actor: ServiceContext["actor"] };

/** Writes audit rows for several changes made in one transaction (a group of webhook deliveries), in one statement. */
export async function writeAudits(tx: Executor, entries: AuditRow[]) {
  if (entries.length) await tx.execute(auditRowsStatement(entries));
}

/** The insert behind writeAudits. Its text does not depend on how many rows there are, so Postgres can keep its plan. */
export function auditRowsStatement(entries: AuditRow[]): SQL {
  const rows = entries.map(({ actor, ...entry }) => ({
    actor_id: actor.type === "user" ? actor.id : null,
    actor_label: actorLabel(actor),
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
  }));
  return sql`
    insert into audit_log (actor_id, actor_label, action, entity_type, entity_id, before, after)
    select actor_id, actor_label, action, entity_type, entity_id, before, after
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(actor_id uuid, actor_label text, action text, entity_type text, entity_id text, before jsonb, after jsonb)
  `;
}
