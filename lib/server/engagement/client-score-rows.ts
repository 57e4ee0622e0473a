import "server-only";
import { type EngagementTier, listRounding } from "@/lib/domain/engagement";
import { allPositions, stableSortBy } from "@/lib/domain/engagement/counting-sort";
import { type BinaryCopyWriter, encodedText } from "@/lib/server/db/copy-binary";
import { engagementTier } from "@/lib/server/db/schema";
import { CLIENT_SCORE_COPY_COLUMNS } from "./swap-client-scores";

/** Tiers in the enum's order, which is how Postgres sorts them. */
const TIERS = engagementTier.enumValues;
const TIER_RANK = new Map<EngagementTier, number>(TIERS.map((tier, rank) => [tier, rank]));
/** Each tier's label as a binary COPY field takes it; the tier-change rows use these too. */
export const TIER_BYTES = encodedText(TIERS);
const SCORES = 101;
/** After every tier: where a btree on (tier, …) puts null tiers. */
const UNSCORED_RANK = TIERS.length;
// Batches flushed while encoding, so the first rows reach Postgres while the rest are encoded.
const ROWS_PER_FLUSH = 16_384;

/**
 * The fresh client_scores rows of a full run, kept as columns (rounded as the list shows them) until every client
 * is scored, then sent in the order of the (tier, score, client id) index. Building that index then finds its input
 * already sorted, which makes it a third of the cost, and the other tier index nearly so. Rows must be added in
 * ascending client id: a stable counting sort on (tier, score) keeps that order within each pair.
 */
export class ClientScoreRows {
  private size = 0;
  private readonly uuids: Uint8Array;
  private readonly score: Int16Array;
  private readonly tierRank: Uint8Array;
  private readonly pAlive: Float32Array;
  private readonly pOrder90d: Float32Array;
  private readonly nextOrderMs: Float64Array;
  private readonly valueAtRisk: Float32Array;

  constructor(readonly capacity: number) {
    this.uuids = new Uint8Array(capacity * 16);
    this.score = new Int16Array(capacity);
    this.tierRank = new Uint8Array(capacity);
    this.pAlive = new Float32Array(capacity);
    this.pOrder90d = new Float32Array(capacity);
    this.nextOrderMs = new Float64Array(capacity);
    this.valueAtRisk = new Float32Array(capacity);
  }

  /** One client's list row, from exact figures (NaN for null); the client's uuid is the 16 bytes at `uuidOffset`. */
  add(
    uuids: Uint8Array,
    uuidOffset: number,
    score: number,
    tier: EngagementTier,
    pAlive: number,
    pOrder90d: number,
    nextOrderMs: number,
    valueAtRiskCents: number,
  ): void {
    const i = this.size++;
    // A plain loop: for 16 bytes it beats a subarray (an object per client) and a native copy.
    for (let b = 0; b < 16; b++) this.uuids[i * 16 + b] = uuids[uuidOffset + b] ?? 0;
    this.score[i] = score;
    this.tierRank[i] = TIER_RANK.get(tier) ?? 0;
    this.pAlive[i] = listRounding.pAlive(pAlive);
    this.pOrder90d[i] = listRounding.pOrder90d(pOrder90d);
    this.nextOrderMs[i] = nextOrderMs;
    this.valueAtRisk[i] = valueAtRiskCents;
  }

  /** A client the run leaves unscored (no orders): null score, tier and figures, sorted after every tier as Postgres sorts nulls. */
  addUnscored(uuids: Uint8Array, uuidOffset: number): void {
    const i = this.size++;
    for (let b = 0; b < 16; b++) this.uuids[i * 16 + b] = uuids[uuidOffset + b] ?? 0;
    this.score[i] = 0;
    this.tierRank[i] = UNSCORED_RANK;
    this.pAlive[i] = this.pOrder90d[i] = this.nextOrderMs[i] = this.valueAtRisk[i] = Number.NaN;
  }

  /** Encodes every row into `writer` in (tier, score, client id) order, scored as of `asOfMs`. */
  async writeSorted(writer: BinaryCopyWriter, asOfMs: number): Promise<void> {
    const order = orderByTierAndScore(this.tierRank, this.score, this.size);
    for (let k = 0; k < order.length; k++) {
      this.encode(writer, order[k] ?? 0, asOfMs);
      if ((k + 1) % ROWS_PER_FLUSH === 0) await writer.flush();
    }
  }

  private encode(writer: BinaryCopyWriter, i: number, asOfMs: number): void {
    const pAlive = this.pAlive[i] ?? Number.NaN;
    const pOrder = this.pOrder90d[i] ?? Number.NaN;
    const next = this.nextOrderMs[i] ?? Number.NaN;
    const atRisk = this.valueAtRisk[i] ?? Number.NaN;
    const tier = TIERS[this.tierRank[i] ?? 0];
    const row = writer.rows.row(CLIENT_SCORE_COPY_COLUMNS.length).uuidBytes(this.uuids, i * 16);
    (tier ? row.int2(this.score[i] ?? 0).textBytes(TIER_BYTES[tier]) : row.null().null())
      .float4OrNull(Number.isNaN(pAlive) ? null : pAlive)
      .float4OrNull(Number.isNaN(pOrder) ? null : pOrder)
      .timestamptzOrNull(Number.isNaN(next) ? null : next)
      .timestamptz(asOfMs)
      .float4OrNull(Number.isNaN(atRisk) ? null : atRisk);
  }
}

/**
 * Positions 0…size−1 ordered by (tier rank, score), ties kept in position order: a stable counting sort over the
 * 4 × 101 pairs (and unscored rows last), linear in the rows.
 */
export function orderByTierAndScore(tierRank: Uint8Array, score: Int16Array, size: number): Int32Array {
  const buckets = Int32Array.from({ length: size }, (_, i) => (tierRank[i] ?? 0) * SCORES + Math.min(SCORES - 1, Math.max(0, score[i] ?? 0)));
  return stableSortBy(allPositions(size), buckets);
}
