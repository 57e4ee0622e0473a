import "server-only";
import { type SQL, sql } from "drizzle-orm";

type ClientRef = { email: string; name: string };

/**
 * A list of ids as one array-valued SQL expression. `= any(array(...))` keeps Postgres on the index,
 * where `in (select … from jsonb…)` had it scanning the whole table (it cannot size a JSON list).
 */
export function uuidArray(ids: string[]) {
  return sql`array(select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid)`;
}

export function textArray(values: string[]) {
  return sql`array(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;
}

/**
 * Finds or creates a client for each email (case-insensitively; a new client gets the given name) and
 * locks every one of them for the rest of the transaction. Locks are taken in email order, the same
 * order every ingest path uses, so concurrent batches wait for each other rather than deadlock.
 * `do update … where false` locks an existing client without writing a new version of its row.
 */
export function lockClientsStatement(refs: ClientRef[], onlyIf: SQL = sql`true`): SQL {
  const unique = new Map<string, ClientRef>();
  for (const ref of refs) if (!unique.has(ref.email.toLowerCase())) unique.set(ref.email.toLowerCase(), ref);
  const input = [...unique.values()].sort((a, b) => (a.email.toLowerCase() < b.email.toLowerCase() ? -1 : 1));
  return sql`
    insert into clients (name, email)
    select name, email from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as r(email text, name text)
    where (${onlyIf})
    order by lower(email)
    on conflict ((lower(email))) do update set email = clients.email where false
  `;
}

/**
 * Recomputes last order date and order count for the clients matching `which` (a condition on `t`),
 * from their orders; cancelled ones do not count. Rows already right are not rewritten, which spares
 * every index on clients an update when a repeat changed nothing. Both figures come from one
 * aggregate over the client's orders: a lone max() lets the planner walk the global ordered_at index.
 */
export function refreshSummariesStatement(which: SQL, onlyIf: SQL = sql`true`): SQL {
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
    where c.id = s.id and (c.last_order_at, c.order_count) is distinct from (s.last_order_at, s.order_count) and (${onlyIf})
  `;
}
