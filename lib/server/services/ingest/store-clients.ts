import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { textArray, uuidArray } from "./sql-lists";

type ClientRef = { email: string; name: string };

/**
 * Locks the existing clients with these (lowercased) emails for the rest of the transaction and returns
 * them. Locks are taken in email order, the same order every ingest path uses, so concurrent writers
 * wait for each other rather than deadlock.
 */
export function lockClientsByEmailStatement(keys: string[]): SQL {
  return sql`select id, lower(email) as key from clients where lower(email) = any(${textArray(keys)}) order by lower(email) for update`;
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
  const input = [...refs].sort((a, b) => (a.email.toLowerCase() < b.email.toLowerCase() ? -1 : 1));
  return sql`
    insert into clients (name, email)
    select name, email from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as r(email text, name text)
    order by lower(email)
    on conflict ((lower(email))) do nothing
    returning id, lower(email) as key
  `;
}

/**
 * Recomputes last order date and order count for the clients matching `which` (a condition on `t`),
 * from their orders; cancelled ones do not count. Rows already right are not rewritten, which spares
 * every index on clients an update when a repeat changed nothing. Both figures come from one
 * aggregate over the client's orders: a lone max() lets the planner walk the global ordered_at index.
 */
export function refreshSummariesStatement(which: SQL): SQL {
  return sql`
    update clients c set last_order_at = s.last_order_at, order_count = s.order_count
    from (
      select t.id, agg.last_order_at, agg.order_count
      from clients t
      cross join lateral (
        select max(o.ordered_at) as last_order_at, count(*)::int as order_count
        from orders o where o.client_id = t.id and o.status <> 'cancelled'
      ) agg
      where ${which}
    ) s
    where c.id = s.id and (c.last_order_at, c.order_count) is distinct from (s.last_order_at, s.order_count)
  `;
}
