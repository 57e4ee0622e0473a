import { describe, expect, it } from "vitest";
import { fitBgNbd, transactionCountProbability } from "./bgnbd";
import { loadCdnowSummary } from "@/test/domain/cdnow-reference";
import { type DropoutModelFit, modelConditionalExpectedTransactions, modelExpectedTransactions, modelPAlive, probabilityOfPurchaseWithin } from "./mbgnbd";
import { lgamma, logBeta } from "./special-functions";

const summary = loadCdnowSummary();
// BTYDplus's MBG/NBD estimate on the CDNOW sample, as lifetimes' test_params_out_is_close_to_BTYDplus checks it (3 decimals).
const BTYDPLUS = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 };
const published: DropoutModelFit = { model: "mbgnbd", params: BTYDPLUS };

/** P(X(t) = n) for a newcomer under MBG/NBD, summed term by term (lifetimes' probability_of_n_purchases_up_to_time): an independent route to E[X(t)]. */
function mbgCountProbability(t: number, n: number): number {
  const { r, alpha, a, b } = BTYDPLUS;
  const logStay = Math.log(alpha / (alpha + t));
  const logBuy = Math.log(t / (alpha + t));
  const nbd = (j: number) => Math.exp(lgamma(r + j) - lgamma(r) - lgamma(j + 1) + r * logStay + j * logBuy);
  let below = 0;
  for (let j = 0; j < n; j++) below += nbd(j);
  return Math.exp(logBeta(a, b + n + 1) - logBeta(a, b)) * nbd(n) + Math.exp(logBeta(a + 1, b + n) - logBeta(a, b)) * (1 - below);
}

describe("MBG/NBD on the CDNOW sample", () => {
  const fit = fitBgNbd(summary, { model: "mbgnbd" });

  it.each(Object.entries(BTYDPLUS))("recovers %s to BTYDplus's three decimals", (name, value) => {
    expect(fit.converged).toBe(true);
    expect(Math.abs(fit.params[name as keyof typeof BTYDPLUS] - value)).toBeLessThan(5e-4);
  });

  it("fits better than BG/NBD on the same data (it has the same parameters and one more way to lapse)", () => {
    expect(fit.logLikelihood).toBeGreaterThan(fitBgNbd(summary).logLikelihood);
  });

  it("matches Hardie's spreadsheet for E[Y(39) | x 2, t_x 30.43, T 38.86] within lifetimes' tolerance", () => {
    const value = modelConditionalExpectedTransactions({ model: "mbgnbd", params: fit.params }, 39, { x: 2, tx: 30.43, T: 38.86 });
    expect(Math.abs(value - 1.226)).toBeLessThan(0.05);
  });
});

describe("MBG/NBD formulas", () => {
  it.each([0.5, 4, 39, 78])("E[X(%s)] in closed form equals Σ n P(X = n) from the count distribution", (t) => {
    let mean = 0;
    let total = 0;
    for (let n = 0; n < 400; n++) {
      const p = mbgCountProbability(t, n);
      mean += n * p;
      total += p;
    }
    expect(total).toBeCloseTo(1, 8);
    expect(modelExpectedTransactions(published, t)).toBeCloseTo(mean, 6);
  });

  it("a newcomer's P(at least one purchase within t) is 1 − P(X(t) = 0)", () => {
    for (const t of [1, 13, 52]) {
      expect(probabilityOfPurchaseWithin(published, t, { x: 0, tx: 0, T: 0 })).toBeCloseTo(1 - mbgCountProbability(t, 0), 12);
    }
  });

  it("a newcomer's conditional expectation is the unconditional one", () => {
    expect(modelConditionalExpectedTransactions(published, 39, { x: 0, tx: 0, T: 0 })).toBeCloseTo(modelExpectedTransactions(published, 39), 10);
  });

  it("lets one-order clients lapse: P(alive) falls with time since the only order", () => {
    const soon = modelPAlive(published, { x: 0, tx: 0, T: 1 });
    const late = modelPAlive(published, { x: 0, tx: 0, T: 60 });
    expect(soon).toBeLessThan(1);
    expect(late).toBeLessThan(soon);
    // P(alive) = 1 / (1 + a/b ((α+T)/α)^r) at x = 0.
    expect(late).toBeCloseTo(1 / (1 + (0.891 / 1.614) * ((6.183 + 60) / 6.183) ** 0.525), 12);
  });

  it("BG/NBD's P(purchase within t) agrees with its own count distribution for a newcomer", () => {
    const params = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    expect(probabilityOfPurchaseWithin({ model: "bgnbd", params }, 30, { x: 0, tx: 0, T: 0 })).toBeCloseTo(1 - transactionCountProbability(params, 30, 0), 12);
  });
});
