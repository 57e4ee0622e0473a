import "server-only";
import type { EngagementTier } from "@/lib/domain/engagement";
import { scoreBand } from "@/lib/domain/analytics/tier-count-delta";
import type { Database } from "@/lib/server/db/client";
import { engagementTier } from "@/lib/server/db/schema";
import { sql } from "drizzle-orm";
import { applyTierMoves } from "./apply-tier-count-deltas";
import { stagedTierCountsTable } from "./full-run-tables";

const SCORE_BANDS = 10;
const TIERS = engagementTier.enumValues;
const TIER_RANK = new Map<EngagementTier, number>(TIERS.map((tier, rank) => [tier, rank]));
const bandCounts = Array.from({ length: SCORE_BANDS }, (_, band) => `coalesce(sum(n) filter (where band = ${band}), 0)::int`).join(", ");

/**
 * A chunk's clients counted per stylist, tier and score band of ten points as they are scored, so the run's daily
 * counts need no pass of their own over a million snapshots and their clients. Nothing is allocated per client.
 */
export class TierCounts {
  private readonly stylistIds: (string | null)[] = [];
  private readonly stylistIndex = new Map<string | null, number>();
  private readonly clients = new Map<number, number>();
  private readonly scoreSums = new Map<number, number>();
  private readonly valuesAtRisk = new Map<number, number>();

  /** A small number standing for the stylist, for `add`. */
  stylistOf(stylistId: string | null): number {
    let index = this.stylistIndex.get(stylistId);
    if (index === undefined) {
      index = this.stylistIds.push(stylistId) - 1;
      this.stylistIndex.set(stylistId, index);
    }
    return index;
  }

  /** `valueAtRiskCents`: the client's value at risk (see valueAtRiskCents), summed into revenue at risk. */
  add(stylist: number, tier: EngagementTier, score: number, valueAtRiskCents: number): void {
    const band = scoreBand(score, SCORE_BANDS);
    const key = (stylist * TIERS.length + (TIER_RANK.get(tier) ?? 0)) * SCORE_BANDS + band;
    this.clients.set(key, (this.clients.get(key) ?? 0) + 1);
    this.scoreSums.set(key, (this.scoreSums.get(key) ?? 0) + score);
    this.valuesAtRisk.set(key, (this.valuesAtRisk.get(key) ?? 0) + valueAtRiskCents);
  }

  get size(): number {
    return this.clients.size;
  }

  /** The counts as PostgreSQL array literals: $n::uuid[] (stylists), $n::text[] (tiers), then $n::int2[], $n::int[], $n::bigint[], $n::float8[]. */
  arrayLiterals(): [string, string, string, string, string, string] {
    const keys = [...this.clients.keys()];
    const literal = (values: readonly (string | number | null)[]) => `{${values.map((v) => (v === null ? "NULL" : v)).join(",")}}`;
    const cell = (key: number) => Math.floor(key / SCORE_BANDS);
    return [
      literal(keys.map((key) => this.stylistIds[Math.floor(cell(key) / TIERS.length)] ?? null)),
      literal(keys.map((key) => TIERS[cell(key) % TIERS.length] ?? "lapsed")),
      literal(keys.map((key) => key % SCORE_BANDS)),
      literal(keys.map((key) => this.clients.get(key) ?? 0)),
      literal(keys.map((key) => this.scoreSums.get(key) ?? 0)),
      literal(keys.map((key) => this.valuesAtRisk.get(key) ?? 0)),
    ];
  }
}

/**
 * Stores the clients per stylist and tier that a full run scored, with their score sum and score bands, as the day
 * of the run's as-of date (replacing that day's rows), from what its scoring steps counted (see TierCounts): a run
 * that fills in an earlier date records that date's tiers, not today's. The counted rows go in the same
 * transaction, so a repeat finds nothing left to record. When the day is the latest, running demo overrides are
 * moved into their tier as between runs (applyTierMoves), so clearing one later moves its client back exactly once.
 */
export async function recordTierCounts(db: Database, run: { runId: string; asOf: Date }): Promise<void> {
  const day = run.asOf.toISOString().slice(0, 10);
  const counted = stagedTierCountsTable(run.runId);
  await db.transaction(async (tx) => {
    const [found] = await tx.execute<{ found: boolean }>(sql`select to_regclass(${counted}) is not null as found`);
    if (!found?.found) return;
    await tx.execute(sql`delete from tier_counts_daily where day = ${day}::date`);
    await tx.execute(sql`
      insert into tier_counts_daily (day, stylist_id, tier, clients, score_sum, score_bands, value_at_risk_cents)
      select ${day}::date, stylist_id, tier, sum(n)::int, sum(total)::bigint, array[${sql.raw(bandCounts)}], round(sum(at_risk))::bigint
      from (select stylist_id, tier, band, sum(clients) as n, sum(score_sum) as total, sum(value_at_risk) as at_risk from ${sql.identifier(counted)} group by 1, 2, 3) per_band
      group by stylist_id, tier`);
    await tx.execute(sql`drop table ${sql.identifier(counted)}`);
    const [latest] = await tx.execute<{ day: string | null }>(sql`select max(day)::text as day from tier_counts_daily`);
    if (latest?.day !== day) return;
    const overrides = await tx.execute<{ client_id: string; from: string; to: string }>(sql`
      select o.client_id, s.tier::text as from, o.tier::text as to from demo_tier_overrides o join client_scores s on s.client_id = o.client_id
      where o.expires_at > now() and s.tier is not null and s.tier <> o.tier`);
    await applyTierMoves(tx, overrides.map((o) => ({ clientId: o.client_id, from: o.from, to: o.to })), run.asOf);
  });
}
