// The tracking chart of Fader, Hardie & Lee (2005): expected against actual cumulative repeat orders, week by week
// after a cutoff, for the clients scored at it.
import { bgNbdInputOfKey, bgNbdKeyOf, DistinctBgNbdInputs } from "./distinct-inputs";
import type { ClientHistory } from "./history";
import { type DropoutModelFit, modelConditionalExpectedTransactions } from "./mbgnbd";

export interface TrackingWeek {
  week: number;
  expected: number;
  actual: number;
}

/**
 * Σ over clients of E[Y(w weeks) | history at the cutoff], for w = 1..weeks, each distinct history computed once.
 * A history the series cannot evaluate adds nothing rather than failing the chart.
 */
export function expectedCumulativeRepeatOrders(fit: DropoutModelFit, histories: readonly ClientHistory[], asOf: Date, weeks: number): number[] {
  const inputs = new DistinctBgNbdInputs(Float64Array.from(histories, (h) => bgNbdKeyOf(h, asOf)));
  const totals = new Array<number>(weeks).fill(0);
  for (let k = 0; k < inputs.size; k++) {
    const customer = bgNbdInputOfKey(inputs.keys[k] ?? 0);
    const count = inputs.counts[k] ?? 0;
    for (let w = 1; w <= weeks; w++) {
      try {
        totals[w - 1] = (totals[w - 1] ?? 0) + count * modelConditionalExpectedTransactions(fit, w, customer);
      } catch (error) {
        if (!(error instanceof RangeError)) throw error;
      }
    }
  }
  return totals;
}

/** The chart's rows from the expected totals and the actual repeat orders counted per week (index 0: week 1). */
export function trackingWeeks(expected: readonly number[], actualPerWeek: readonly number[]): TrackingWeek[] {
  let actual = 0;
  return expected.map((value, i) => {
    actual += actualPerWeek[i] ?? 0;
    return { week: i + 1, expected: value, actual };
  });
}

/** How far the model's expected total may stray from the actual one before the page says so. */
const TRACKING_TOLERANCE = 0.1;

/**
 * A plain warning when the model's expected repeat orders, by the last week, miss the actual ones by more than
 * TRACKING_TOLERANCE ("The model expected 17% more repeat orders than came: …"), else null. The model can rank
 * clients well, and its chance of at least one order be calibrated, while its count of orders runs high or low; the
 * page's verdict speaks of ranking only.
 */
export function trackingWarning(last: TrackingWeek | undefined): string | null {
  if (!last || last.actual <= 0) return null;
  const miss = last.expected / last.actual - 1;
  if (Math.abs(miss) <= TRACKING_TOLERANCE) return null;
  const share = `${Math.round(Math.abs(miss) * 100)}%`;
  return miss > 0
    ? `The model expected ${share} more repeat orders than came: its count of orders to come ran high for this period.`
    : `The model expected ${share} fewer repeat orders than came: its count of orders to come ran low for this period.`;
}
