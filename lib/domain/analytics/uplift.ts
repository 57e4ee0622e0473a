// Holdout uplift: did emailed clients come back more often than comparable clients who got no email?

export interface GroupOutcome {
  /** Clients in the group (emailed, or held out). */
  clients: number;
  /** Of those, clients who ordered within the attribution window. */
  wonBack: number;
}

/** The clients assigned while one holdout share was in force: within it, who was held out was left to chance alone. */
interface ShareStratum {
  holdoutShare: number;
  emailed: GroupOutcome;
  heldOut: GroupOutcome;
}

interface UpliftInput {
  /** One per holdout share the compared clients were assigned under. */
  strata: readonly ShareStratum[];
  /** The attribution window the outcomes were counted over, for the reading. */
  windowDays: number;
}

/** What the estimate counted, and what it could not compare. */
interface UpliftBasis {
  /** Every measured client, as the lists behind the counts show them. */
  emailed: GroupOutcome;
  heldOut: GroupOutcome;
  /** How many holdout shares the compared clients were assigned under. */
  shares: number;
  /** Emailed clients assigned while nobody was held out (a share of 0): with nothing to compare them to, left out. */
  uncompared: number;
  /** Clients assigned under a share above 0 whose other group has nobody yet (a share changed near the range's end): left out. */
  unmatched: number;
}

export type Uplift =
  | (UpliftBasis & { status: "insufficient"; reading: string; needed: number })
  | (UpliftBasis & {
      status: "estimated";
      emailedRate: number;
      /** Under several shares, the held-out rate weighted to the emailed clients' mix of shares (see compareWithinShares). */
      heldOutRate: number;
      /** emailedRate − heldOutRate, as a fraction. */
      difference: number;
      /** 95% interval for the difference (Newcombe's hybrid score interval; under several shares, see compareWithinShares). */
      low: number;
      high: number;
      /** True when the interval excludes zero. */
      significant: boolean;
      reading: string;
    });

/** Below this many clients in either group an interval says more about noise than about emails. */
const MIN_GROUP_SIZE = 30;
const Z95 = 1.959963984540054;

/** Wilson score interval for one proportion: well behaved near 0 and 1, unlike the textbook ± 1.96·SE. */
export function wilsonInterval(successes: number, trials: number, z = Z95): { low: number; high: number } {
  if (trials <= 0) return { low: 0, high: 1 };
  const p = successes / trials;
  const z2 = z * z;
  const centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
  const half = (z / (1 + z2 / trials)) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * Difference of two proportions with Newcombe's (1998) method 10 interval, which keeps its coverage with small
 * groups and rates near 0, where win-back rates live.
 */
export function proportionDifference(a: GroupOutcome, b: GroupOutcome) {
  const pa = a.wonBack / a.clients;
  const pb = b.wonBack / b.clients;
  const wa = wilsonInterval(a.wonBack, a.clients);
  const wb = wilsonInterval(b.wonBack, b.clients);
  const difference = pa - pb;
  const low = difference - Math.sqrt((pa - wa.low) ** 2 + (wb.high - pb) ** 2);
  const high = difference + Math.sqrt((wa.high - pa) ** 2 + (pb - wb.low) ** 2);
  return { rateA: pa, rateB: pb, difference, low, high };
}

const points = (fraction: number) => (Math.abs(fraction * 100) < 0.05 ? "0.0" : Math.abs(fraction * 100).toFixed(1));
const signedPoints = (fraction: number) => `${fraction < 0 && points(fraction) !== "0.0" ? "−" : ""}${points(fraction)}`;

function assertValidGroups({ emailed, heldOut }: Pick<ShareStratum, "emailed" | "heldOut">) {
  if ([emailed.clients, emailed.wonBack, heldOut.clients, heldOut.wonBack].some((n) => !Number.isInteger(n) || n < 0)) {
    throw new RangeError("Group counts must be whole numbers of zero or more");
  }
  if (emailed.wonBack > emailed.clients || heldOut.wonBack > heldOut.clients) throw new RangeError("More win-backs than clients in a group");
}

/** Groups' clients and win-backs added up. */
export const sumOutcomes = (groups: readonly GroupOutcome[]): GroupOutcome => ({ clients: groups.reduce((n, g) => n + g.clients, 0), wonBack: groups.reduce((n, g) => n + g.wonBack, 0) });

/**
 * Emailed against held-out clients when they were assigned under several holdout shares. Pooled, the groups would
 * not compare: a share raised in a month when fewer clients reorder fills the holdout with that month's clients, and
 * the difference in months passes for an effect of the emails. Within one share, who was held out was chance alone,
 * so each share's held-out rate stands for its emailed clients: the held-out rate is weighted to the emailed clients'
 * mix of shares (the effect on the emailed, by direct standardisation). Its 95% interval is Wald's, each share's
 * variance taken with one win-back and one miss added to each group (Agresti and Caffo), so a share with a rate of 0
 * does not claim certainty.
 */
export function compareWithinShares(strata: readonly ShareStratum[]) {
  const emailed = sumOutcomes(strata.map((s) => s.emailed));
  let heldOutRate = 0;
  let variance = 0;
  for (const { emailed: e, heldOut: h } of strata) {
    const weight = e.clients / emailed.clients;
    heldOutRate += weight * (h.wonBack / h.clients);
    const adjusted = (g: GroupOutcome) => {
      const p = (g.wonBack + 1) / (g.clients + 2);
      return (p * (1 - p)) / (g.clients + 2);
    };
    variance += weight * weight * (adjusted(e) + adjusted(h));
  }
  const rateA = emailed.wonBack / emailed.clients;
  const difference = rateA - heldOutRate;
  const half = Z95 * Math.sqrt(variance);
  return { rateA, rateB: heldOutRate, difference, low: difference - half, high: difference + half };
}

/** The uplift the dashboard shows, with a sentence a marketer can repeat without a statistics course. */
export function estimateUplift(input: UpliftInput, minGroupSize = MIN_GROUP_SIZE): Uplift {
  input.strata.forEach(assertValidGroups);
  const { windowDays } = input;
  const compared = input.strata.filter((s) => s.emailed.clients > 0 && s.heldOut.clients > 0);
  const basis: UpliftBasis = {
    emailed: sumOutcomes(input.strata.map((s) => s.emailed)),
    heldOut: sumOutcomes(input.strata.map((s) => s.heldOut)),
    shares: compared.length,
    uncompared: input.strata.filter((s) => s.holdoutShare === 0).reduce((n, s) => n + s.emailed.clients, 0),
    unmatched: input.strata.filter((s) => s.holdoutShare > 0 && !compared.includes(s)).reduce((n, s) => n + s.emailed.clients + s.heldOut.clients, 0),
  };
  const emailed = sumOutcomes(compared.map((s) => s.emailed));
  const heldOut = sumOutcomes(compared.map((s) => s.heldOut));
  const leftOut = [
    basis.uncompared ? ` ${basis.uncompared} emailed ${basis.uncompared === 1 ? "client was" : "clients were"} assigned while nobody was held out, with nothing to compare them to.` : "",
    basis.unmatched
      ? ` ${basis.unmatched} ${basis.unmatched === 1 ? "client was" : "clients were"} assigned under a holdout share with nobody in the other group yet, and ${basis.unmatched === 1 ? "is" : "are"} not compared.`
      : "",
  ].join("");
  const smallest = Math.min(emailed.clients, heldOut.clients);
  if (smallest < minGroupSize) {
    const needed = minGroupSize - smallest;
    return {
      ...basis,
      status: "insufficient",
      needed,
      // The counts are of clients whose whole attribution window has closed, not of everyone assigned so far.
      reading: `Not enough data yet: each group needs at least ${minGroupSize} clients whose ${windowDays}-day window has closed (emailed ${emailed.clients}, held out ${heldOut.clients}).${leftOut}`,
    };
  }
  const d = compared.length === 1 ? proportionDifference(emailed, heldOut) : compareWithinShares(compared);
  const significant = d.low > 0 || d.high < 0;
  const ci = `95% CI ${signedPoints(d.low)} to ${signedPoints(d.high)}`;
  const none = points(d.difference) === "0.0";
  const verdict = significant || none ? "" : "; the interval includes zero, so this could still be chance";
  const within = compared.length > 1 ? `, comparing clients within each of the ${compared.length} holdout shares used in the range` : "";
  const change = none
    ? `Emails made no measurable difference to the ${windowDays}-day reorder rate`
    : `Emails ${d.difference > 0 ? "raised" : "lowered"} the ${windowDays}-day reorder rate by ${points(d.difference)} points`;
  return {
    ...basis,
    status: "estimated",
    emailedRate: d.rateA,
    heldOutRate: d.rateB,
    difference: d.difference,
    low: d.low,
    high: d.high,
    significant,
    reading: `${change} (${ci}${within})${verdict}.${leftOut}`,
  };
}
