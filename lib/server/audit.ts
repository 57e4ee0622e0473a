import "server-only";
import { actorLabel } from "@/lib/domain/access/policy";
import type { ServiceContext } from "@/lib/server/context";
import type { Executor } from "@/lib/server/db/client";
import { auditLog } from "@/lib/server/db/schema";

type AuditEntry = { action: string; entityType: string; entityId?: string | null; before?: unknown; after?: unknown };

/** Writes one audit row with the change; call it inside the transaction that made the change. */
export async function writeAudit(tx: Executor, actor: ServiceContext["actor"], entry: AuditEntry) {
  await tx.insert(auditLog).values({
    actorId: actor.type === "user" ? actor.id : null,
    actorLabel: actorLabel(actor),
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}
