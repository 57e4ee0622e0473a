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
