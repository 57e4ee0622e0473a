import "server-only";
import { and, type SQL, sql } from "drizzle-orm";
import type { ClientListQuery } from "@/lib/domain/clients/list-query";
import { clients } from "@/lib/server/db/schema";
import { firstEntrySince, wonBackCondition } from "./win-back-results";

/**
 * Clients with a win-back assignment, as the overview's win-back figures count them: of one group, assigned in the
 * `from`–`to` days, and with `won`, won back (wonBackCondition). Without `attributionDays`, `won`
 * cannot be decided and matches nothing rather than everything.
 */
export function outreachWhere(query: Pick<ClientListQuery, "outreach" | "won" | "from" | "to">, attributionDays: number | undefined): SQL {
  const conditions = and(
    // Each client by their first entry in the days asked, as the figures count them.
    firstEntrySince(query.from ? sql`${query.from}::date` : null),
    query.outreach ? sql`a."group" = ${query.outreach}` : undefined,
    query.from ? sql`a.assigned_at >= ${query.from}::date` : undefined,
    query.to ? sql`a.assigned_at < (${query.to}::date + 1)` : undefined,
    query.won ? (attributionDays === undefined ? sql`false` : wonBackCondition(attributionDays)) : undefined,
  );
  return sql`${clients.id} in (select a.client_id from outreach_assignments a where ${conditions})`;
}
