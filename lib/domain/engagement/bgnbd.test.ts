import { describe, expect, it } from "vitest";
import {
  type BgNbdCustomer,
  type BgNbdParams,
  conditionalExpectedTransactions,
  expectedTransactions,
  fitBgNbd,
  fitBgNbdFromCoarse,
  type GroupedHistories,
  logLikelihood,
  pAlive,
  transactionCountProbability,
} from "./bgnbd";
import { DistinctBgNbdInputs } from "./distinct-inputs";
import { type ExternalCheck, loadCdnowFullPrecision, loadCdnowReference, loadCdnowSummary, paramsFromArray } from "@/test/domain/cdnow-reference";

const reference = loadCdnowReference();
const summary = loadCdnowSummary();
const fullPrecision = loadCdnowFullPrecision();
const paperParams = reference.published.paper.params;
const fittedParams = paramsFromArray(
  reference.external_checks.find((c) => c.params === "fitted_params")?.param_values ?? [],
);

function expectRelativelyClose(actual: number, expected: number, relativeTolerance: number) {
  expect(Number.isFinite(actual)).toBe(true);
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(relativeTolerance * Math.abs(expected));
}

/** BTYD's cohort tracking: a customer born at max(T) − T_i contributes E[X(week − birth)] once born. */
function cohortCumulativeExpected(params: BgNbdParams, customers: readonly BgNbdCustomer[], week: number) {
  const maxT = Math.max(...customers.map((c) => c.T));
  return customers.reduce((sum, c) => {
    const birth = maxT - c.T;
    return birth <= week ? sum + expectedTransactions(params, week - birth) : sum;
  }, 0);
}

const PARAM_NAMES = ["r", "alpha", "a", "b"] as const;

describe("fitBgNbd on the CDNOW sample", () => {
  const fit = fitBgNbd(summary);

  it("has the shape of the paper's data", () => {
    expect(summary).toHaveLength(2357);
    expect(summary.reduce((s, c) => s + c.x, 0)).toBe(2457);
  });

  it.each(PARAM_NAMES)("recovers %s within 1% of Fader, Hardie & Lee (2005)", (name) => {
    expectRelativelyClose(fit.params[name], paperParams[name], 0.01);
  });

  it("reaches the paper's log-likelihood", () => {
    expect(Math.abs(fit.logLikelihood - reference.published.paper.log_likelihood)).toBeLessThan(0.1);
    expect(fit.converged).toBe(true);
  });

  it("matches the independent scipy re-fit closely", () => {
    const refit = reference.ours.fitted_2dp_data;
    for (const name of PARAM_NAMES) expectRelativelyClose(fit.params[name], refit.params[name], 1e-5);
    expect(Math.abs(fit.logLikelihood - refit.log_likelihood)).toBeLessThan(1e-4);
  });

  it("works on distinct (x, t_x, T) histories, not customers", () => {
    const keys = new Set(summary.map((c) => (c.x === 0 ? `0|${c.T}` : `${c.x}|${c.tx}|${c.T}`)));
    expect(fit.distinctHistories).toBe(keys.size);
    expect(fit.distinctHistories).toBeLessThan(summary.length / 2);

    const doubled = fitBgNbd([...summary, ...summary]);
    expect(doubled.distinctHistories).toBe(fit.distinctHistories);
    expectRelativelyClose(doubled.logLikelihood, 2 * fit.logLikelihood, 1e-9);
    for (const name of PARAM_NAMES) expectRelativelyClose(doubled.params[name], fit.params[name], 1e-5);
  });

  it("is deterministic", () => {
    expect(fitBgNbd(summary)).toEqual(fit);
  });

  it.each(reference.ours.multistart.map((m) => [m.start.join(", "), m] as const))(
    "lands on the same optimum from start (%s)",
    (_label, run) => {
      const fromStart = fitBgNbd(summary, { initialParams: paramsFromArray(run.start) });
      const expected = paramsFromArray(run.params);
      for (const name of PARAM_NAMES) expectRelativelyClose(fromStart.params[name], expected[name], 1e-5);
      expect(Math.abs(fromStart.logLikelihood - run.log_likelihood)).toBeLessThan(1e-4);
    },
  );

  it("fits the full-precision summary like the re-fit", () => {
    const refit = reference.ours.fitted_fullprecision_data;
    const fullFit = fitBgNbd(fullPrecision);
    for (const name of PARAM_NAMES) expectRelativelyClose(fullFit.params[name], refit.params[name], 1e-5);
    expect(Math.abs(fullFit.logLikelihood - refit.log_likelihood)).toBeLessThan(1e-4);
  });
});

describe("fitBgNbdFromCoarse on the CDNOW sample", () => {
  const exact = DistinctBgNbdInputs.ofWeighted(summary.map((c) => ({ ...c, count: 1 })));
  const counted = (histories: GroupedHistories) => {
    const seen = { evaluations: 0 };
    return { seen, histories: { ...histories, get groups() { seen.evaluations++; return histories.groups; } } };
  };

  it("reaches the exact data's optimum, warm-started from a fit in whole weeks, in far fewer evaluations", () => {
    const cold = counted(exact.grouped());
    const warm = counted(exact.grouped());
    const coldFit = fitBgNbd(cold.histories);
    const warmFit = fitBgNbdFromCoarse(warm.histories, exact.coarsened(7).grouped());
    expect(warmFit).toMatchObject({ converged: true, warmStarted: true });
    for (const name of PARAM_NAMES) expectRelativelyClose(warmFit.params[name], coldFit.params[name], 1e-4);
    expect(Math.abs(warmFit.logLikelihood - coldFit.logLikelihood)).toBeLessThan(1e-6);
    expect(warm.seen.evaluations).toBeLessThan(cold.seen.evaluations / 3);
  });

  it("falls back to a cold fit when the coarse data cannot be fitted", () => {
    const noCoarse = fitBgNbdFromCoarse(exact.grouped(), new DistinctBgNbdInputs(new Float64Array(0)).grouped());
    expect(noCoarse.warmStarted).toBe(false);
    expect(noCoarse.params).toEqual(fitBgNbd(exact.grouped()).params);
  });
});

describe("logLikelihood", () => {
  it("matches the reference value at the paper's parameters", () => {
    expect(logLikelihood(paperParams, summary)).toBeCloseTo(reference.ours.log_likelihood_at_paper_params_2dp_data, 4);
    expect(logLikelihood(paperParams, fullPrecision)).toBeCloseTo(
      reference.ours.log_likelihood_at_paper_params_fullprecision_data,
      4,
    );
  });
});

describe.each(["paper_params", "fitted_params"] as const)("reference customers with %s", (paramSet) => {
  const params = paramSet === "paper_params" ? paperParams : fittedParams;
  it.each(reference.customers.map((c) => [c.id, c.description, c] as const))("customer %i (%s)", (_id, _d, customer) => {
    const history = { x: customer.inputs.x, tx: customer.inputs.t_x, T: customer.inputs.T };
    const expected = customer.outputs[paramSet];
    expectRelativelyClose(pAlive(params, history), expected.p_alive, 1e-6);
    expectRelativelyClose(conditionalExpectedTransactions(params, 39, history), expected.expected_purchases_t39, 1e-6);
    expectRelativelyClose(conditionalExpectedTransactions(params, 52, history), expected.expected_purchases_t52, 1e-6);
  });
});

describe.each(["paper_params", "fitted_params"] as const)("aggregate expectations with %s", (paramSet) => {
  const params = paramSet === "paper_params" ? paperParams : fittedParams;
  const aggregate = reference.aggregate[paramSet];

  it("E[X(t)] for a new customer at 39, 52 and 78 weeks", () => {
    for (const t of [39, 52, 78] as const) {
      expectRelativelyClose(expectedTransactions(params, t), aggregate.E_X_t_per_new_customer[`t${t}`], 1e-7);
    }
  });

  it("N · E[X(t)] with every customer born at week 0", () => {
    for (const t of [39, 78] as const) {
      expectRelativelyClose(summary.length * expectedTransactions(params, t), aggregate.N_times_E_X_t_all_born_at_0[`t${t}`], 1e-7);
    }
  });

  it("cohort cumulative repeat transactions by calendar week", () => {
    for (const week of [39, 78] as const) {
      const key = `week${week}` as const;
      expectRelativelyClose(
        cohortCumulativeExpected(params, fullPrecision, week),
        aggregate.cohort_cumulative_expected_repeat_transactions_fullprecision_T[key],
        1e-6,
      );
      expectRelativelyClose(
        cohortCumulativeExpected(params, summary, week),
        aggregate.cohort_cumulative_expected_repeat_transactions_2dp_T[key],
        1e-6,
      );
    }
  });
});

function evaluateCheck(check: ExternalCheck): number {
  const params = paramsFromArray(check.param_values);
  const num = (key: string) => Number(check.inputs[key]);
  const history = () => ({ x: num("x"), tx: num("t_x"), T: num("T") });
  if (check.quantity.startsWith("E[Y(t)")) return conditionalExpectedTransactions(params, num("t"), history());
  if (check.quantity.startsWith("E[X(t)]")) return expectedTransactions(params, num("t"));
  if (check.quantity.startsWith("P(X(t)=n)")) return transactionCountProbability(params, num("t"), num("n"));
  if (check.quantity === "P(alive)") return pAlive(params, history());
  if (check.quantity.startsWith("sample log-likelihood")) return logLikelihood(params, fullPrecision);
  if (check.quantity.startsWith("cumulative expected repeat")) {
    return cohortCumulativeExpected(params, fullPrecision, num("calendar_week"));
  }
  throw new Error(`No evaluator for ${check.quantity}`);
}

describe("external checks against published numbers", () => {
  it("covers all 40 listed checks", () => {
    expect(reference.external_checks).toHaveLength(40);
  });

  it.each(reference.external_checks.map((c, i) => [i, c.quantity, c] as const))("check %i: %s", (_i, _q, check) => {
    const value = evaluateCheck(check);
    expect(Math.abs(value - check.published)).toBeLessThanOrEqual(check.tolerance_used_by_source_or_digits_shown);
    // And to the high-precision recomputation, which is stricter than the printed digits.
    expect(Math.abs(value - check.ours)).toBeLessThanOrEqual(1e-7 * Math.max(1, Math.abs(check.ours)));
  });
});

describe("numerical stability", () => {
  it("stays finite for a very frequent buyer (x = 400)", () => {
    const heavy = { x: 400, tx: 100, T: 104 };
    const alive = pAlive(fittedParams, heavy);
    const expected = conditionalExpectedTransactions(fittedParams, 52, heavy);
    expect(alive).toBeGreaterThan(0);
    expect(alive).toBeLessThanOrEqual(1);
    expect(Number.isFinite(expected)).toBe(true);
    expect(expected).toBeGreaterThan(0);
    expect(Number.isFinite(logLikelihood(fittedParams, [heavy, { x: 500, tx: 103, T: 104 }]))).toBe(true);
  });

  it("puts a long-silent frequent buyer at P(alive) 0 without NaN", () => {
    const gone = { x: 1000, tx: 10, T: 100 };
    expect(pAlive(fittedParams, gone)).toBe(0);
    expect(conditionalExpectedTransactions(fittedParams, 52, gone)).toBe(0);
  });

  it("handles customers with no repeat purchase", () => {
    const once = { x: 0, tx: 0, T: 20 };
    expect(pAlive(fittedParams, once)).toBe(1);
    expect(conditionalExpectedTransactions(fittedParams, 0, once)).toBe(0);
    const soon = conditionalExpectedTransactions(fittedParams, 10, once);
    expect(soon).toBeGreaterThan(0);
    expect(conditionalExpectedTransactions(fittedParams, 20, once)).toBeGreaterThan(soon);
  });

  it("is continuous through a = 1, where eq. 10 is 0/0", () => {
    const history = { x: 3, tx: 10, T: 20 };
    const at = (a: number) => conditionalExpectedTransactions({ ...fittedParams, a }, 26, history);
    expect(Number.isFinite(at(1))).toBe(true);
    expectRelativelyClose(at(1), (at(1 - 1e-6) + at(1 + 1e-6)) / 2, 1e-8);
  });

  it("fits a sample that includes extreme histories", () => {
    const withHeavy = [...summary, { x: 500, tx: 103, T: 104 }, { x: 400, tx: 100, T: 104 }];
    const fit = fitBgNbd(withHeavy);
    expect(fit.converged).toBe(true);
    expect(Number.isFinite(fit.logLikelihood)).toBe(true);
  });
});

describe("input validation", () => {
  it("rejects impossible histories and parameters", () => {
    expect(() => fitBgNbd([])).toThrow(RangeError);
    expect(() => pAlive(fittedParams, { x: 2, tx: 5, T: 4 })).toThrow(/tx/);
    expect(() => pAlive(fittedParams, { x: 1.5, tx: 1, T: 4 })).toThrow(/x must be/);
    expect(() => pAlive({ ...fittedParams, r: 0 }, { x: 1, tx: 1, T: 4 })).toThrow(/parameter r/);
    expect(() => expectedTransactions(fittedParams, -1)).toThrow(/t must be/);
  });
});

describe("fitBgNbd on weighted histories", () => {
  it("fits counted histories exactly as it fits the customers they stand for", () => {
    const counts = new Map<string, { customer: BgNbdCustomer; count: number }>();
    for (const c of summary) {
      const key = `${c.x}|${c.tx}|${c.T}`;
      const entry = counts.get(key);
      if (entry) entry.count++;
      else counts.set(key, { customer: c, count: 1 });
    }
    const weighted = [...counts.values()].map(({ customer, count }) => ({ ...customer, count }));
    expect(weighted.length).toBeLessThan(summary.length);
    const direct = fitBgNbd(summary);
    const grouped = fitBgNbd(weighted);
    expect(grouped.params).toEqual(direct.params);
    expect(grouped.logLikelihood).toBe(direct.logLikelihood);
  });

  it("rejects a count that is not a whole number of customers", () => {
    expect(() => fitBgNbd([{ x: 1, tx: 1, T: 2, count: 0.5 }])).toThrow(/count/);
  });
});
