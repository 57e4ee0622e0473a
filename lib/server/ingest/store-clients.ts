import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { textArray, uuidArray } from "@/lib/server/db/sql-lists";

type ClientRef = { email: string; name: string };

/**
 * Locks the existing clients with these (lowercased) emails for the rest of the transaction and returns
 * them. Locks are taken in email order, the same order every ingest path uses, so concurrent writers
 * wait for each other rather than deadlock.
 */
export function lockClientsByEmailStatement(keys: string[]): SQL {
  return sql`select id, lower(email) as key, timezone from clients where lower(email) = any(${textArray(keys)}) order by lower(email) for update`;
}

/** Locks these clients (by id) for the rest of the transaction, in email order like every ingest path. */
export function lockClientsByIdStatement(ids: string[]): SQL {
  return sql`select id from clients where id = any(${uuidArray(ids)}) order by lower(email) for update`;
}

/**
 * Creates a minimal client for each email (none known yet), in email order, returning the new ones. A
 * client created meanwhile by someone else is skipped, so the caller can tell it lost that race.
 */
export function createClientsStatement(refs: ClientRef[]): SQL {
  return sql`
    insert into clients (name, email)
    select name, email from jsonb_to_recordset(${JSON.stringify(refs)}::jsonb) as r(email text, name text)
    order by lower(email)
    on conflict ((lower(email))) do nothing
    returning id, lower(email) as key
  `;
}
