// Holdout uplift: did emailed clients come back more often than comparable clients who got no email?

export interface GroupOutcome {
  /** Clients in the group (emailed, or held out). */
  clients: number;
  /** Of those, clients who ordered within the attribution window. */
  wonBack: number;
}

export interface UpliftInput {
  emailed: GroupOutcome;
  heldOut: GroupOutcome;
  /** The attribution window the outcomes were counted over, for the reading. */
  windowDays: number;
}

export type Uplift =
  | { status: "insufficient"; emailed: GroupOutcome; heldOut: GroupOutcome; reading: string; needed: number }
  | {
      status: "estimated";
      emailed: GroupOutcome;
      heldOut: GroupOutcome;
      emailedRate: number;
      heldOutRate: number;
      /** emailedRate − heldOutRate, as a fraction. */
      difference: number;
      /** 95% interval for the difference (Newcombe's hybrid score interval). */
      low: number;
      high: number;
      /** True when the interval excludes zero. */
      significant: boolean;
      reading: string;
    };

/** Below this many clients in either group an interval says more about noise than about emails. */
export const MIN_GROUP_SIZE = 30;
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

function assertValidGroups(input: UpliftInput) {
  const { emailed, heldOut } = input;
  if (emailed.wonBack > emailed.clients || heldOut.wonBack > heldOut.clients) throw new RangeError("More win-backs than clients in a group");
  if ([emailed.clients, emailed.wonBack, heldOut.clients, heldOut.wonBack].some((n) => !Number.isInteger(n) || n < 0)) {
    throw new RangeError("Group counts must be whole numbers of zero or more");
  }
}

/** The uplift the dashboard shows, with a sentence a marketer can repeat without a statistics course. */
export function estimateUplift(input: UpliftInput, minGroupSize = MIN_GROUP_SIZE): Uplift {
  assertValidGroups(input);
  const { emailed, heldOut, windowDays } = input;
  const smallest = Math.min(emailed.clients, heldOut.clients);
  if (smallest < minGroupSize) {
    const needed = minGroupSize - smallest;
    return {
      status: "insufficient",
      emailed,
      heldOut,
      needed,
      // The counts are of clients whose whole attribution window has closed, not of everyone assigned so far.
      reading: `Not enough data yet: each group needs at least ${minGroupSize} clients whose ${windowDays}-day window has closed (emailed ${emailed.clients}, held out ${heldOut.clients}).`,
    };
  }
  const d = proportionDifference(emailed, heldOut);
  const significant = d.low > 0 || d.high < 0;
  const direction = d.difference >= 0 ? "raised" : "lowered";
  const ci = `95% CI ${signedPoints(d.low)} to ${signedPoints(d.high)}`;
  const verdict = significant ? "" : "; the interval includes zero, so this could still be chance";
  return {
    status: "estimated",
    emailed,
    heldOut,
    emailedRate: d.rateA,
    heldOutRate: d.rateB,
    difference: d.difference,
    low: d.low,
    high: d.high,
    significant,
    reading: `Emails ${direction} the ${windowDays}-day reorder rate by ${points(d.difference)} points (${ci})${verdict}.`,
  };
}
