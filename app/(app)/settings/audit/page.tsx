import type { Metadata } from "next";
import { AuditEntryRow } from "@/components/settings/audit-entry";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageContext } from "@/lib/server/auth/session";
import { listAuditEntries } from "@/lib/server/data/admin";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditLogPage() {
  const ctx = await requirePageContext("audit.view");
  const entries = await listAuditEntries(ctx);
  return (
    <Card>
      {entries.length === 0 ? (
        <EmptyState title="Nothing recorded yet" description="Changes to settings, users, keys and clients appear here." />
      ) : (
        <ol className="divide-y divide-stone-100" data-testid="audit-log">
          {entries.map((entry) => (
            <AuditEntryRow key={entry.id} entry={entry} />
          ))}
        </ol>
      )}
    </Card>
  );
}
