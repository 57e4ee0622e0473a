// MBG/NBD (Batislam, Denizel & Filiztekin 2007; Wagner & Hoppe 2008 erratum) and what both drop-out models share.
// BG/NBD lets a client drop out only after a repeat purchase, so every one-order client has P(alive) 1; MBG/NBD lets
// a client drop out after any purchase, the first included. Its formulas are BG/NBD's with b + 1 for b, except that
// P(alive) applies the drop-out term at x = 0 as well and a newcomer is alive at all with probability b / (a + b).
import { assertValidParams, type BgNbdCustomer, type BgNbdParams, conditionalExpectationGivenAlive, type DropoutModel, expectedTransactions, pAlive } from "./bgnbd";
import { assertValidCustomer } from "./bgnbd-likelihood";

/** A fitted drop-out model: which one, and its parameters (time in weeks). */
export type DropoutModelFit = { model: DropoutModel; params: BgNbdParams };

/** The parameters that, given to the BG/NBD expectation formulas, give this model's (b + 1 for MBG/NBD). */
export function expectationParams({ model, params }: DropoutModelFit): BgNbdParams {
  return model === "mbgnbd" ? { ...params, b: params.b + 1 } : params;
}

/** P(alive | x, t_x, T); for MBG/NBD 1 / (1 + a/(b+x) ((α+T)/(α+t_x))^(r+x)), one-order clients included. */
export function modelPAlive(fit: DropoutModelFit, customer: BgNbdCustomer): number {
  if (fit.model === "bgnbd") return pAlive(fit.params, customer);
  assertValidParams(fit.params);
  assertValidCustomer(customer);
  const { r, alpha, a, b } = fit.params;
  const { x, tx, T } = customer;
  const logOdds = Math.log(a) - Math.log(b + x) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + (x === 0 ? 0 : tx)));
  return logOdds > 0 ? Math.exp(-logOdds) / (1 + Math.exp(-logOdds)) : 1 / (1 + Math.exp(logOdds));
}

/**
 * P(at least one purchase in the next t weeks | x, t_x, T). A client drops out only at a purchase, so one who is
 * alive and buys nothing stays alive: P(none) = 1 − P(alive) + P(alive) ((α+T)/(α+T+t))^(r+x), the gamma posterior
 * of the purchase rate (shape r+x, rate α+T) integrated over a Poisson count of zero.
 */
export function probabilityOfPurchaseWithin(fit: DropoutModelFit, t: number, customer: BgNbdCustomer): number {
  return probabilityOfPurchaseGivenAlive(fit.params, t, customer, modelPAlive(fit, customer));
}

/** The same for a client whose P(alive) is already known (and whose inputs have been checked). */
export function probabilityOfPurchaseGivenAlive(params: BgNbdParams, t: number, customer: BgNbdCustomer, alive: number): number {
  if (!(Number.isFinite(t) && t >= 0)) throw new RangeError(`t must be a finite number >= 0, got ${t}`);
  const { r, alpha } = params;
  const { x, T } = customer;
  return -alive * Math.expm1(-(r + x) * Math.log1p(t / (alpha + T)));
}

/** E[X(t)] for a client who has just made a first purchase; MBG/NBD: b/(a−1) [1 − (α/(α+t))^r ₂F₁(r, b+1; a+b; t/(α+t))]. */
export function modelExpectedTransactions(fit: DropoutModelFit, t: number): number {
  const expected = expectedTransactions(expectationParams(fit), t);
  return fit.model === "mbgnbd" ? (expected * fit.params.b) / (fit.params.a + fit.params.b) : expected;
}

/** E[Y(t) | x, t_x, T]: expected purchases in the next t weeks. */
export function modelConditionalExpectedTransactions(fit: DropoutModelFit, t: number, customer: BgNbdCustomer): number {
  if (!(Number.isFinite(t) && t >= 0)) throw new RangeError(`t must be a finite number >= 0, got ${t}`);
  return conditionalExpectationGivenAlive(expectationParams(fit), t, customer, modelPAlive(fit, customer));
}
