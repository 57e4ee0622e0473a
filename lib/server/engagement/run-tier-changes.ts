import "server-only";
import type { EngagementTier } from "@/lib/domain/engagement";
import { uuidFromBytes } from "@/lib/server/db/copy-binary";

/**
 * The tier changes a full run saw, kept as four columns for the swap to check and store in one statement
 * (`unnest` over arrays) instead of a temporary table made and dropped inside its lock. A night has a few thousand
 * at a million clients; a changed tier threshold can make it hundreds of thousands, which still works, row by row.
 */
export class RunTierChanges {
  private readonly clientIds: string[] = [];
  private readonly fromTiers: EngagementTier[] = [];
  private readonly toTiers: EngagementTier[] = [];
  private readonly scores: number[] = [];

  /** A change for the client whose uuid is the 16 bytes at `offset` in `uuids`. */
  add(uuids: Uint8Array, offset: number, from: EngagementTier, to: EngagementTier, score: number): void {
    this.clientIds.push(uuidFromBytes(uuids, offset));
    this.fromTiers.push(from);
    this.toTiers.push(to);
    this.scores.push(score);
  }

  get size(): number {
    return this.clientIds.length;
  }

  /** The columns as PostgreSQL array literals, for $n::uuid[], $n::engagement_tier[] (twice) and $n::int2[]. */
  arrayLiterals(): [string, string, string, string] {
    // Uuids, tier labels and whole numbers need no quoting inside an array literal.
    const literal = (values: readonly (string | number)[]) => `{${values.join(",")}}`;
    return [literal(this.clientIds), literal(this.fromTiers), literal(this.toTiers), literal(this.scores)];
  }
}
