// BG/NBD log-likelihood (FHL 2005, eq. 6) over grouped histories, with its analytic gradient.
import { digamma, lgamma } from "./special-functions";

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** One customer's calibration history, in weeks: x repeat purchases, the last at t_x, observed for T since the first. */
export interface BgNbdCustomer {
  x: number;
  tx: number;
  T: number;
}

/** A history shared by `count` customers (default 1), so an SQL GROUP BY can feed the fit without expanding rows. */
export interface WeightedBgNbdCustomer extends BgNbdCustomer {
  count?: number;
}

interface RecencyGroup {
  tx: number;
  T: number;
  count: number;
}

/** Customers sharing x: the gamma-function terms depend only on x, so they are computed once per group. */
export interface FrequencyGroup {
  x: number;
  histories: RecencyGroup[];
  customerCount: number;
}

export interface GroupedHistories {
  groups: FrequencyGroup[];
  distinctHistories: number;
  customerCount: number;
}

export function assertValidCustomer(customer: BgNbdCustomer): void {
  const { x, tx, T } = customer;
  if (!Number.isInteger(x) || x < 0) throw new RangeError(`x must be a whole number >= 0, got ${x}`);
  if (!Number.isFinite(T) || T < 0) throw new RangeError(`T must be a finite number >= 0, got ${T}`);
  if (!Number.isFinite(tx) || tx < 0 || tx > T) throw new RangeError(`tx must be between 0 and T (${T}), got ${tx}`);
}

/** Collapses customers to unique (x, t_x, T) with counts; t_x is irrelevant when x = 0. */
export function groupHistories(customers: readonly WeightedBgNbdCustomer[]): GroupedHistories {
  const byX = new Map<number, Map<string, RecencyGroup>>();
  let customerCount = 0;
  for (const customer of customers) {
    assertValidCustomer(customer);
    const count = customer.count ?? 1;
    if (!Number.isInteger(count) || count < 1) throw new RangeError(`count must be a whole number >= 1, got ${count}`);
    customerCount += count;
    const tx = customer.x === 0 ? 0 : customer.tx;
    let histories = byX.get(customer.x);
    if (!histories) byX.set(customer.x, (histories = new Map()));
    const key = `${tx}|${customer.T}`;
    const existing = histories.get(key);
    if (existing) existing.count += count;
    else histories.set(key, { tx, T: customer.T, count });
  }
  const groups = [...byX.entries()]
    .sort(([x1], [x2]) => x1 - x2)
    .map(([x, histories]) => {
      const list = [...histories.values()];
      return { x, histories: list, customerCount: list.reduce((s, h) => s + h.count, 0) };
    });
  return {
    groups,
    distinctHistories: groups.reduce((s, g) => s + g.histories.length, 0),
    customerCount,
  };
}

export interface LikelihoodWithGradient {
  logLikelihood: number;
  /** ∂LL/∂(ln r, ln α, ln a, ln b). */
  gradientLog: [number, number, number, number];
}

/**
 * ln L_i = lnΓ(r+x) − lnΓ(r) + r ln α + lnΓ(a+b) + lnΓ(b+x) − lnΓ(b) − lnΓ(a+b+x)
 *        + ln[(α+T)^−(r+x) + 1{x>0} a/(b+x−1) (α+t_x)^−(r+x)]
 */
export function groupedLogLikelihood(params: BgNbdParams, grouped: GroupedHistories): LikelihoodWithGradient {
  const { r, alpha, a, b } = params;
  const logAlpha = Math.log(alpha);
  const lgR = lgamma(r);
  const lgB = lgamma(b);
  const lgAB = lgamma(a + b);
  const psiR = digamma(r);
  const psiB = digamma(b);
  const psiAB = digamma(a + b);
  const logA = Math.log(a);

  let ll = 0;
  let dR = 0;
  let dAlpha = 0;
  let dA = 0;
  let dB = 0;

  for (const group of grouped.groups) {
    const { x } = group;
    const n = group.customerCount;
    const rx = r + x;
    ll += n * (lgamma(rx) - lgR + r * logAlpha + lgAB + lgamma(b + x) - lgB - lgamma(a + b + x));
    dR += n * (digamma(rx) - psiR + logAlpha);
    dAlpha += (n * r) / alpha;
    const psiABX = digamma(a + b + x);
    dA += n * (psiAB - psiABX);
    dB += n * (psiAB + digamma(b + x) - psiB - psiABX);

    const logDropoutFactor = x > 0 ? logA - Math.log(b + x - 1) : Number.NEGATIVE_INFINITY;
    for (const h of group.histories) {
      const logAlphaT = Math.log(alpha + h.T);
      const aliveTerm = -rx * logAlphaT;
      let logSum = aliveTerm;
      // Weight of the "dropped out after t_x" branch in the bracketed sum (0 when x = 0).
      let dropoutWeight = 0;
      let logAlphaTx = 0;
      if (x > 0) {
        logAlphaTx = Math.log(alpha + h.tx);
        const dropoutTerm = logDropoutFactor - rx * logAlphaTx;
        const max = Math.max(aliveTerm, dropoutTerm);
        const eAlive = Math.exp(aliveTerm - max);
        const eDropout = Math.exp(dropoutTerm - max);
        logSum = max + Math.log(eAlive + eDropout);
        dropoutWeight = eDropout / (eAlive + eDropout);
      }
      const aliveWeight = 1 - dropoutWeight;
      const c = h.count;
      ll += c * logSum;
      dR -= c * (aliveWeight * logAlphaT + dropoutWeight * logAlphaTx);
      dAlpha -= c * rx * (aliveWeight / (alpha + h.T) + (x > 0 ? dropoutWeight / (alpha + h.tx) : 0));
      if (x > 0) {
        dA += (c * dropoutWeight) / a;
        dB -= (c * dropoutWeight) / (b + x - 1);
      }
    }
  }
  return { logLikelihood: ll, gradientLog: [dR * r, dAlpha * alpha, dA * a, dB * b] };
}
