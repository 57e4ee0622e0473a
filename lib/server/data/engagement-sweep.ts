import "server-only";
import { sql } from "drizzle-orm";
import type { Executor } from "@/lib/server/db/client";

/**
 * Clients whose orders changed after their score was last computed (or who have orders and no score): the
 * ones a lost follow-up left behind. At most `limit`, oldest change first.
 */
export async function clientsWithStaleScores(db: Executor, limit: number): Promise<string[]> {
  const rows = await db.execute<{ id: string }>(sql`
    select o.client_id as id from orders o
    left join client_scores s on s.client_id = o.client_id
    group by o.client_id, s.scored_at
    having s.scored_at is null or max(o.updated_at) > s.scored_at
    order by max(o.updated_at) limit ${limit}`);
  return [...rows].map((r) => r.id);
}
