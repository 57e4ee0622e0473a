import "server-only";
import { sql } from "drizzle-orm";
import { countedClient, type TierCountDelta, tierCountDeltas } from "@/lib/domain/analytics/tier-count-delta";
import type { Executor } from "@/lib/server/db/client";
import { selectionWhere } from "./client-selection";

/**
 * Moves the overview's current tier counts by `deltas`, in the caller's transaction: the counts of the latest day
 * (copied to `now`'s day first when the latest is earlier, so past days keep what they showed). Before any full run
 * there are no counts to move. A full run replaces its day's rows wholesale (recordTierCounts). The work is the
 * database's tier_counts_apply() (drizzle/0026), which the reassignment trigger shares; it applies changes one at a
 * time (a transaction-scoped advisory lock), so two never copy the same day twice.
 */
export async function applyTierCountDeltas(tx: Executor, deltas: readonly TierCountDelta[], now = new Date()): Promise<void> {
  if (deltas.length === 0) return;
  await tx.execute(sql`select tier_counts_apply(${JSON.stringify(deltas)}::jsonb, ${now.toISOString().slice(0, 10)}::date)`);
}

type CountedRow = { client_id: string; stylist_id: string | null; score: number | null; value_at_risk: number | null; tier: string | null };

/** What the counts hold of these clients, as stored: their stylist, score, value at risk and scored tier. */
async function countedRows(tx: Executor, clientIds: readonly string[]): Promise<Map<string, CountedRow>> {
  const rows = await tx.execute<CountedRow>(sql`
    select s.client_id, c.stylist_id, s.score, s.value_at_risk_cents as value_at_risk, s.tier::text as tier
    from client_scores s join clients c on c.id = s.client_id
    where ${selectionWhere(sql`s.client_id`, { ids: clientIds })}`);
  return new Map(rows.map((r) => [r.client_id, r]));
}

type TierMove = { clientId: string; from: string; to: string };

/** Each move as a count delta, for the clients `rows` holds (one the counts do not hold moves nothing). */
function movesAsDeltas(moves: readonly TierMove[], rows: Map<string, CountedRow>): TierCountDelta[] {
  return tierCountDeltas(
    moves.flatMap((m) => {
      const row = rows.get(m.clientId);
      if (!row) return [];
      const as = (tier: string) => countedClient({ stylistId: row.stylist_id, tier, score: row.score, valueAtRiskCents: row.value_at_risk });
      return [{ before: as(m.from), after: as(m.to) }];
    }),
  );
}

/**
 * Moves clients from one shown tier to another in the counts, their score and value at risk as stored (a demo
 * override set, cleared or expired): a client the counts do not hold (unscored) moves nothing.
 */
export async function applyTierMoves(tx: Executor, moves: readonly TierMove[], now = new Date()): Promise<void> {
  const real = moves.filter((m) => m.from !== m.to);
  if (real.length === 0) return;
  await applyTierCountDeltas(tx, movesAsDeltas(real, await countedRows(tx, real.map((m) => m.clientId))), now);
}

/**
 * Removed demo overrides (cleared, or swept after running out): their clients count in their scored tier again. The
 * counts hold an override's tier until it is removed, so one that ran out counts until the nightly sweep.
 */
export async function showScoredTierAgain(tx: Executor, removed: readonly { clientId: string; tier: string }[], now = new Date()): Promise<void> {
  if (removed.length === 0) return;
  const rows = await countedRows(tx, removed.map((r) => r.clientId));
  const moves = removed.flatMap((r) => {
    const tier = rows.get(r.clientId)?.tier;
    return tier && tier !== r.tier ? [{ clientId: r.clientId, from: r.tier, to: tier }] : [];
  });
  await applyTierCountDeltas(tx, movesAsDeltas(moves, rows), now);
}
