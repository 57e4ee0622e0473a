import "server-only";
import { sql } from "drizzle-orm";
import type { PgSelect } from "drizzle-orm/pg-core";
import type { Executor } from "@/lib/server/db/client";

const EXACT_LIMIT = 10_000;

export type RowCount = { value: number; exact: boolean };

/**
 * Counts exactly up to 10,000 rows (cheap with a LIMIT); beyond that asks the planner for its estimate,
 * which answers in microseconds at any table size.
 */
export async function estimateRowCount(db: Executor, query: PgSelect): Promise<RowCount> {
  // toSQL first: limit() on a dynamic query changes the query in place.
  const { sql: text, params } = query.toSQL();
  const built = query.limit(EXACT_LIMIT + 1);
  const [exact] = await db.execute<{ n: number }>(sql`select count(*)::int as n from (${built}) as capped`);
  const n = exact?.n ?? 0;
  if (n <= EXACT_LIMIT) return { value: n, exact: true };
  const plan = await db.execute<{ "QUERY PLAN": [{ Plan: { "Plan Rows": number } }] }>(
    sql.raw(`explain (format json) ${inlineParams(text, params)}`),
  );
  const estimate = plan[0]?.["QUERY PLAN"][0]?.Plan["Plan Rows"] ?? n;
  return { value: Math.max(Math.round(estimate), n), exact: false };
}

// EXPLAIN cannot take bind parameters, so values are inlined as quoted literals.
function inlineParams(text: string, params: unknown[]): string {
  return text.replace(/\$(\d+)/g, (_, index: string) => {
    const value = params[Number(index) - 1];
    if (typeof value === "number") return String(value);
    return `'${String(value).replace(/'/g, "''")}'`;
  });
}
