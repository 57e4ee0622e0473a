import "server-only";
import { sql } from "drizzle-orm";
import type { Executor } from "@/lib/server/db/client";

export const SCORE_BANDS = 10;
const bandCounts = Array.from({ length: SCORE_BANDS }, (_, band) => `coalesce(sum(n) filter (where band = ${band}), 0)::int`).join(", ");

/**
 * Stores the clients per stylist and tier that a full run scored, with their score sum and score bands, as the day
 * of the run's as-of date (replacing that day's rows). Read from the run's own snapshots (one partition), so a run
 * that fills in an earlier date records that date's tiers, not today's.
 */
export async function recordTierCounts(db: Executor, run: { runId: string; asOf: Date }): Promise<void> {
  const day = run.asOf.toISOString().slice(0, 10);
  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from tier_counts_daily where day = ${day}::date`);
    await tx.execute(sql`
      insert into tier_counts_daily (day, stylist_id, tier, clients, score_sum, score_bands, value_at_risk_cents)
      select ${day}::date, stylist_id, tier, sum(n)::int, sum(total)::bigint, array[${sql.raw(bandCounts)}], coalesce(sum(at_risk), 0)::bigint
      from (
        select c.stylist_id, s.tier::text as tier, least(s.score / 10, ${SCORE_BANDS - 1}) as band, count(*) as n, sum(s.score) as total,
          sum(live.value_at_risk_cents) as at_risk
        from engagement_snapshots s join clients c on c.id = s.client_id
          -- The value at risk is stored with the live score only: a run that filled in an earlier date has none.
          left join client_scores live on live.client_id = s.client_id and live.scored_at = s.as_of
        where s.run_id = ${run.runId}::uuid
        group by 1, 2, 3
      ) per_band
      group by stylist_id, tier`);
  });
}
