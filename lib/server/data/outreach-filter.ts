import "server-only";
import { and, type SQL, sql } from "drizzle-orm";
import type { ClientListQuery } from "@/lib/domain/clients/list-query";
import { clients } from "@/lib/server/db/schema";
import { FIRST_ASSIGNMENT, wonBackCondition } from "./win-back-results";

/**
 * Clients by their first win-back assignment (FIRST_ASSIGNMENT), as the overview's win-back figures count them: of
 * one group, made in the `from`–`to` days, and with `won`, won back (wonBackCondition). Without `attributionDays`,
 * `won` cannot be decided and matches nothing rather than everything.
 */
export function outreachWhere(query: Pick<ClientListQuery, "outreach" | "won" | "from" | "to">, attributionDays: number | undefined): SQL {
  const conditions = and(
    // Each client by their first assignment, as the figures count them.
    FIRST_ASSIGNMENT,
    query.outreach ? sql`a."group" = ${query.outreach}` : undefined,
    query.from ? sql`a.assigned_at >= ${query.from}::date` : undefined,
    query.to ? sql`a.assigned_at < (${query.to}::date + 1)` : undefined,
    query.won ? (attributionDays === undefined ? sql`false` : wonBackCondition(attributionDays)) : undefined,
  );
  return sql`${clients.id} in (select a.client_id from outreach_assignments a where ${conditions})`;
}
