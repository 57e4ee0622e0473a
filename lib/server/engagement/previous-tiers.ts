import "server-only";
import { type SQL, sql } from "drizzle-orm";
import type { EngagementTier } from "@/lib/domain/engagement";
import { engagementTier } from "@/lib/server/db/schema";

/**
 * A full run reads every client's previous tier as one letter in one string per chunk (a million of them would
 * otherwise be a million rows to fetch and keep): the tier's first letter, or NO_PREVIOUS_TIER when there is nothing
 * to compare with, because the client was never scored or a score as of a later date has overtaken the run.
 */
export const NO_PREVIOUS_TIER = "-";

const TIER_BY_LETTER = new Map<string, EngagementTier>(engagementTier.enumValues.map((tier) => [tier.charAt(0), tier]));
if (TIER_BY_LETTER.size !== engagementTier.enumValues.length) throw new Error("engagement tiers must start with different letters");

// Each tier compared with a constant, rather than its label cut to a letter: a label costs Postgres a catalog lookup
// per row, a third of what a million rows of this expression cost.
const LETTER_OF_TIER = sql.raw(
  `case tier ${engagementTier.enumValues.map((tier) => `when '${tier}' then '${tier.charAt(0)}'`).join(" ")} else '${NO_PREVIOUS_TIER}' end`,
);

/** The letter for client_scores' row, as of the run's date. */
export function previousTierLetter(asOf: Date): SQL {
  return sql`case when scored_at > ${asOf.toISOString()}::timestamptz then ${NO_PREVIOUS_TIER} else ${LETTER_OF_TIER} end`;
}

/** The tier a letter stands for; null for NO_PREVIOUS_TIER. */
export function tierOfLetter(letter: string): EngagementTier | null {
  if (letter === NO_PREVIOUS_TIER) return null;
  const tier = TIER_BY_LETTER.get(letter);
  if (!tier) throw new Error(`unknown tier letter ${JSON.stringify(letter)}`);
  return tier;
}
