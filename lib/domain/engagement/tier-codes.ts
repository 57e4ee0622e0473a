/**
 * One printable character per tier, by its position in the list ("0", "1", "2", ...), plus NO_TIER_CODE: a full run
 * reads a million clients' previous tiers as one string per chunk. Positions, not first letters, so two tiers may
 * share a letter ("watch", "win_back") and adding one changes no code but the list.
 */
export const NO_TIER_CODE = "-";
const FIRST_CODE = "0".charCodeAt(0);
const LAST_CODE = "~".charCodeAt(0);

type TierCodes<T extends string> = {
  /** Each tier with its code, in the list's order. */
  codes: readonly { tier: T; code: string }[];
  codeOf: (tier: T) => string;
  /** The tier a code stands for; null for NO_TIER_CODE. */
  tierOf: (code: string) => T | null;
};

export function tierCodes<T extends string>(tiers: readonly T[]): TierCodes<T> {
  if (FIRST_CODE + tiers.length - 1 > LAST_CODE) throw new Error(`at most ${LAST_CODE - FIRST_CODE + 1} tiers have one-character codes`);
  const codes = tiers.map((tier, position) => ({ tier, code: String.fromCharCode(FIRST_CODE + position) }));
  const codeByTier = new Map(codes.map((c) => [c.tier, c.code]));
  return {
    codes,
    codeOf: (tier) => {
      const code = codeByTier.get(tier);
      if (code === undefined) throw new Error(`unknown tier ${JSON.stringify(tier)}`);
      return code;
    },
    tierOf: (code) => {
      if (code === NO_TIER_CODE) return null;
      const tier = code.length === 1 ? tiers[code.charCodeAt(0) - FIRST_CODE] : undefined;
      if (tier === undefined) throw new Error(`unknown tier code ${JSON.stringify(code)}`);
      return tier;
    },
  };
}
