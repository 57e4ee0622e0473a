import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { NO_TIER_CODE, tierCodes } from "@/lib/domain/engagement/tier-codes";
import { ENGAGEMENT_TIERS } from "@/lib/domain/engagement/tiers";

/**
 * A full run reads every client's previous tier as one character in one string per chunk (a million of them would
 * otherwise be a million rows to fetch and keep): the tier's code, or NO_TIER_CODE when there is nothing to compare
 * with, because the client was never scored or a score as of a later date has overtaken the run.
 */
const CODES = tierCodes(ENGAGEMENT_TIERS);

// Each tier compared with a constant, rather than its label turned into a code: a label costs Postgres a catalog
// lookup per row, a third of what a million rows of this expression cost.
const CODE_OF_TIER = sql.raw(`case tier ${CODES.codes.map(({ tier, code }) => `when '${tier}' then '${code}'`).join(" ")} else '${NO_TIER_CODE}' end`);

/** The code for client_scores' row, as of the run's date. */
export function previousTierCode(asOf: Date): SQL {
  return sql`case when scored_at > ${asOf.toISOString()}::timestamptz then ${NO_TIER_CODE} else ${CODE_OF_TIER} end`;
}

/** The tier a code stands for; null for NO_TIER_CODE. */
export const tierOfCode = CODES.tierOf;
