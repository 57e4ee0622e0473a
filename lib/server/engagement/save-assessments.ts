import "server-only";
import { appEvent } from "@/inngest/events";
import { emitEvents } from "@/lib/server/events/outbox";
import { sql } from "drizzle-orm";
import { type CurrentEngagement, currentEngagementOf, type EngagementAssessment, type EngagementTier, keepsScore, sameCurrentEngagement } from "@/lib/domain/engagement";
import type { Executor } from "@/lib/server/db/client";
import { countedClient, tierCountDeltas } from "@/lib/domain/analytics/tier-count-delta";
import { applyTierCountDeltas } from "./apply-tier-count-deltas";
import { type ClientSelection, selectionWhere } from "./client-selection";
import { ofRunsOrUnrun } from "./run-snapshots";

type CurrentRow = {
  id: string;
  score: number | null;
  tier: EngagementTier | null;
  p_alive: number | null;
  p_order: number | null;
  next_order_ms: number | null;
  scored_ms: number | null;
  value_at_risk: number | null;
  stylist_id: string | null;
  /** A demo override still running: the tier the overview counts the client in meanwhile. */
  override_tier: EngagementTier | null;
  /** Unscored now, with tier changes on record: a score would be their return to a tier (see saveAssessments). */
  unscored_with_changes: boolean;
};

/** A client's list row as rewritten: their current engagement, or all null for unscored. */
type ListRowChange = { client_id: string; from_tier: EngagementTier | null; valueAtRiskCents: number | null } & (CurrentEngagement | { [K in keyof CurrentEngagement]: null });
/** A list row with no score: what a client with no orders shows (see keepsScore). */
const UNSCORED = { score: null, tier: null, pAlive: null, pOrder90d: null, nextOrderExpectedAt: null, valueAtRiskCents: null } as const;
const scored = (change: ListRowChange): change is ListRowChange & CurrentEngagement => change.tier !== null;

/** Outside a full run: snapshots and tier changes carry no run id. */
type SavedBatch = { asOf: Date; modelFitId: string | null; modelVersion: string };

/**
 * The selected clients and what their rows show now. Read without locking: the update below only applies where
 * the tier is still the one read and no later-dated score has landed meanwhile, so a concurrent single-client
 * rescoring is never overwritten by an older result, nor its tier change recorded twice.
 */
export async function readCurrentEngagement(tx: Executor, selection: ClientSelection): Promise<CurrentRow[]> {
  return tx.execute<CurrentRow>(sql`
    select s.client_id as id, s.score, s.tier, s.p_alive, s.p_order90d as p_order,
      extract(epoch from next_order_expected_at)::float8 * 1000 as next_order_ms, extract(epoch from scored_at)::float8 * 1000 as scored_ms,
      value_at_risk_cents as value_at_risk, c.stylist_id, o.tier as override_tier,
      s.tier is null and exists (select 1 from tier_changes t where t.client_id = s.client_id) as unscored_with_changes
    from client_scores s join clients c on c.id = s.client_id
      left join demo_tier_overrides o on o.client_id = s.client_id and o.expires_at > now()
    where ${selectionWhere(sql`s.client_id`, selection)}`);
}

const storedCurrent = (row: CurrentRow): CurrentEngagement | null =>
  row.score === null || row.tier === null
    ? null
    : { score: row.score, tier: row.tier, pAlive: row.p_alive, pOrder90d: row.p_order, nextOrderExpectedAt: row.next_order_ms === null ? null : new Date(Math.round(row.next_order_ms)) };

/**
 * Writes one snapshot per client (replacing any earlier snapshot with the same as-of date, so a rerun never
 * duplicates), copies the values onto the client rows that changed, and records each tier change.
 * A client already scored as of a later date keeps its newer values: its snapshot is still stored.
 * Everything is set-based: five statements whatever the number of clients.
 */
export async function saveAssessments(
  tx: Executor,
  selection: ClientSelection,
  batch: SavedBatch,
  assessed: { row: CurrentRow; assessment: EngagementAssessment; valueAtRiskCents: number }[],
): Promise<{ updated: number; tierChanges: number }> {
  const asOfText = batch.asOf.toISOString();
  // A client with no orders keeps no score (see keepsScore): no snapshot, and their row goes back to unscored.
  const snapshots = assessed.filter(({ assessment }) => keepsScore(assessment)).map(({ row, assessment: a }) => ({
    client_id: row.id,
    score: a.score,
    tier: a.tier,
    recency: a.components.recency,
    frequency: a.components.frequency,
    value: a.components.value,
    keep_rate: a.components.keepRate,
    p_alive: a.pAlive,
    expected_orders: a.expectedOrders90d,
    next_order_at: a.nextOrderExpectedAt,
  }));
  const changed = assessed.flatMap(({ row, assessment, valueAtRiskCents }): ListRowChange[] => {
    if (row.scored_ms !== null && row.scored_ms > batch.asOf.getTime()) return [];
    const before = storedCurrent(row);
    const after = currentEngagementOf(assessment);
    // Written even when it was unscored already but never scored (cancelled orders only), so its scored_at records
    // the rescoring and the nightly sweep stops taking it for a client whose orders changed unscored.
    if (!after) return before || row.scored_ms === null ? [{ client_id: row.id, from_tier: before?.tier ?? null, ...UNSCORED }] : [];
    // Stored as a 4-byte float: compared as one, so an unchanged value does not count as a change.
    const sameValue = row.value_at_risk !== null && Math.fround(valueAtRiskCents) === Math.fround(row.value_at_risk);
    return before && sameValue && sameCurrentEngagement(before, after)
      ? []
      : [{ client_id: row.id, from_tier: before?.tier ?? null, ...after, valueAtRiskCents }];
  });

  // Only the partitions that can hold snapshots of this date: the full runs as of it (usually none) and the one for
  // single-client snapshots, rather than one probe of every night's partition.
  const runsOfDate = await tx.execute<{ id: string }>(sql`select id from scoring_runs where as_of = ${asOfText}::timestamptz`);
  await tx.execute(sql`
    delete from engagement_snapshots where as_of = ${asOfText}::timestamptz and ${selectionWhere(sql`client_id`, selection)}
      and ${ofRunsOrUnrun(sql`run_id`, runsOfDate.map((run) => run.id))}`);
  if (snapshots.length) {
    await tx.execute(sql`
      insert into engagement_snapshots (client_id, run_id, as_of, score, tier, recency, frequency, value, keep_rate, p_alive, expected_orders90d, next_order_expected_at, model_fit_id, model_version)
      select s.client_id, null, ${asOfText}::timestamptz, s.score, s.tier, s.recency, s.frequency, s.value, s.keep_rate, s.p_alive, s.expected_orders, s.next_order_at, ${batch.modelFitId}::uuid, ${batch.modelVersion}
      from json_to_recordset(${JSON.stringify(snapshots)}::json) as s(client_id uuid, score int2, tier engagement_tier, recency int2, frequency int2, value int2, keep_rate int2,
        p_alive float4, expected_orders float4, next_order_at timestamptz)`);
  }
  // Only rows still as read (same tier, not scored as of a later date) are updated; tier changes follow those.
  const updated = changed.length
    ? await tx.execute<{ id: string }>(sql`
        update client_scores c set score = v.score, tier = v.tier, p_alive = v."pAlive", p_order90d = v."pOrder90d",
          next_order_expected_at = v."nextOrderExpectedAt", scored_at = ${asOfText}::timestamptz, value_at_risk_cents = v."valueAtRiskCents"
        from json_to_recordset(${JSON.stringify(changed)}::json) as v(client_id uuid, from_tier engagement_tier, score int2, tier engagement_tier,
          "pAlive" float4, "pOrder90d" float4, "nextOrderExpectedAt" timestamptz, "valueAtRiskCents" float4)
        where c.client_id = v.client_id and c.tier is not distinct from v.from_tier and (c.scored_at is null or c.scored_at <= ${asOfText}::timestamptz)
        returning c.client_id as id`)
    : [];
  const updatedIds = new Set(updated.map((u) => u.id));
  const applied = changed.filter((c) => updatedIds.has(c.client_id));
  const rowOf = new Map(assessed.map(({ row }) => [row.id, row]));
  // The overview's counts move with the scores, in the same transaction.
  await applyTierCountDeltas(
    tx,
    tierCountDeltas(
      applied.flatMap((c) => {
        const row = rowOf.get(c.client_id);
        if (!row) return [];
        const as = (v: { tier: EngagementTier | null; score: number | null; valueAtRiskCents: number | null }) =>
          countedClient({ stylistId: row.stylist_id, tier: row.override_tier ?? v.tier, score: v.score, valueAtRiskCents: v.valueAtRiskCents });
        return [{ before: as({ tier: row.tier, score: row.score, valueAtRiskCents: row.value_at_risk }), after: as(c) }];
      }),
    ),
  );
  // A first score is not a change of tier, nor is going back to unscored (the client's last order was cancelled).
  // Coming back from unscored is recorded as an entry from no tier when earlier changes are on record: otherwise
  // the latest entry into the tier would be one from before, and Today would read the slip (and a contact since
  // it), or outreach its assignment, from then. Without earlier changes nothing misleads: both read the new score.
  const returned = (c: ListRowChange) => c.from_tier === null && rowOf.get(c.client_id)?.unscored_with_changes === true;
  const tierChanges = applied.filter(scored).filter((c) => c.from_tier !== c.tier && (c.from_tier !== null || returned(c)));
  if (tierChanges.length) {
    await tx.execute(sql`
      insert into tier_changes (client_id, run_id, from_tier, to_tier, score, changed_at)
      select v.client_id, null, v.from_tier, v.tier, v.score, ${asOfText}::timestamptz
      from json_to_recordset(${JSON.stringify(tierChanges)}::json) as v(client_id uuid, from_tier engagement_tier, tier engagement_tier, score int2)`);
  }
  // In the same transaction, so whatever follows a tier change (win-back outreach) hears of exactly the committed ones.
  // A first score is an entry into its tier too (an import of old history lands clients straight in lapsed).
  const entries = applied.filter(scored).filter((c) => c.from_tier !== c.tier);
  await emitEvents(
    tx,
    entries.map((c) => appEvent("rekindle/client.tier-changed", { clientId: c.client_id, fromTier: c.from_tier, toTier: c.tier, score: c.score, enteredAt: asOfText })),
  );
  return { updated: updated.length, tierChanges: tierChanges.length };
}
