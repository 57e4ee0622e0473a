import type { Metadata, Route } from "next";
import Link from "next/link";
import { FilterButtons, FilterForm } from "@/components/clients/filter-form";
import { AuditEntryRow } from "@/components/settings/audit-entry";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, Select } from "@/components/ui/field";
import { auditHref, parseAuditQuery } from "@/lib/domain/audit/audit-query";
import { actionText, KNOWN_ACTIONS } from "@/lib/domain/audit/describe";
import { requirePageContext } from "@/lib/server/auth/session";
import { listAuditActors, listAuditEntries } from "@/lib/server/data/audit";

export const metadata: Metadata = { title: "Audit log" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AuditLogPage({ searchParams }: Props) {
  const ctx = await requirePageContext("audit.view");
  const query = parseAuditQuery(await searchParams);
  const [{ entries, hasMore }, actors] = await Promise.all([listAuditEntries(ctx, query), listAuditActors(ctx)]);
  const filtered = Boolean(query.actor || query.action || query.subject);
  const last = entries.at(-1);
  return (
    <Card>
      <FilterForm role="search" action="/settings/audit" className="grid gap-3 border-b border-stone-100 p-4 sm:grid-cols-[1fr_auto_auto_auto] sm:items-end">
        <div>
          <label htmlFor="subject" className="sr-only">
            Search by whom or what it is about
          </label>
          <Input id="subject" name="subject" type="search" placeholder="About whom (client, user or key name)" defaultValue={query.subject} autoComplete="off" />
        </div>
        <div>
          <label htmlFor="actor" className="sr-only">
            Done by
          </label>
          <Select id="actor" name="actor" defaultValue={query.actor ?? ""}>
            <option value="">Anyone</option>
            {actors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <label htmlFor="action" className="sr-only">
            Action
          </label>
          <Select id="action" name="action" defaultValue={query.action ?? ""}>
            <option value="">Any action</option>
            {KNOWN_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {actionText(a)}
              </option>
            ))}
          </Select>
        </div>
        <FilterButtons clearHref="/settings/audit" showClear={filtered} />
      </FilterForm>
      {entries.length === 0 ? (
        <EmptyState title={filtered ? "No entries match" : "Nothing recorded yet"} description={filtered ? "Try another name, person or action." : "Changes to settings, users, keys and clients appear here."} />
      ) : (
        <ol className="divide-y divide-stone-100" data-testid="audit-log">
          {entries.map((entry) => (
            <AuditEntryRow key={entry.id} entry={entry} />
          ))}
        </ol>
      )}
      <nav aria-label="Pagination" className="flex items-center justify-between gap-3 border-t border-stone-100 px-4 py-3">
        {query.before ? (
          <Link href={auditHref({ ...query, before: undefined }) as Route} className={buttonClass("secondary")}>
            Newest
          </Link>
        ) : (
          <span />
        )}
        {hasMore && last ? (
          <Link href={auditHref({ ...query, before: { at: last.createdAt, id: last.id } }) as Route} rel="next" className={buttonClass("secondary")}>
            Older
          </Link>
        ) : null}
      </nav>
    </Card>
  );
}
