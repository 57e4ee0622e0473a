import "server-only";
import { sql } from "drizzle-orm";

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
