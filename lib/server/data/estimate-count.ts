import "server-only";
import { sql } from "drizzle-orm";
import type { PgSelect } from "drizzle-orm/pg-core";
import type { Executor } from "@/lib/server/db/client";

const EXACT_LIMIT = 10_000;

export type RowCount = { value: number; exact: boolean };

/**
 * The planner's estimate first (microseconds at any size); only when it expects at most 10,000 rows, an exact
 * count capped just above that. Counting ten thousand rows of a filtered join costs a page view a tenth of a
 * second, so a large answer is shown as an estimate rather than counted.
 */
export async function estimateRowCount(db: Executor, query: PgSelect): Promise<RowCount> {
  // toSQL first: limit() on a dynamic query changes the query in place.
  const { sql: text, params } = query.toSQL();
  const plan = await db.execute<{ "QUERY PLAN": [{ Plan: { "Plan Rows": number } }] }>(
    sql.raw(`explain (format json) ${inlineParams(text, params)}`),
  );
  const estimate = Math.round(plan[0]?.["QUERY PLAN"][0]?.Plan["Plan Rows"] ?? 0);
  if (estimate > EXACT_LIMIT) return { value: estimate, exact: false };
  const built = query.limit(EXACT_LIMIT + 1);
  const [exact] = await db.execute<{ n: number }>(sql`select count(*)::int as n from (${built}) as capped`);
  const n = exact?.n ?? 0;
  return n <= EXACT_LIMIT ? { value: n, exact: true } : { value: Math.max(estimate, n), exact: false };
}

// EXPLAIN cannot take bind parameters, so values are inlined as quoted literals.
function inlineParams(text: string, params: unknown[]): string {
  return text.replace(/\$(\d+)/g, (_, index: string) => {
    const value = params[Number(index) - 1];
    if (typeof value === "number") return String(value);
    return `'${String(value).replace(/'/g, "''")}'`;
  });
}
