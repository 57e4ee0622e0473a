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

/**
 * Customers sharing x: the gamma-function terms depend only on x, so they are computed once per group. Each of the
 * group's distinct (t_x, T) is a pair of indices into GroupedHistories.times with the number of customers sharing it.
 */
export interface FrequencyGroup {
  x: number;
  customerCount: number;
  txIndex: Int32Array;
  tIndex: Int32Array;
  counts: Float64Array;
}

export interface GroupedHistories {
  groups: FrequencyGroup[];
  /** Every distinct t_x and T value once: the likelihood takes ln(α + t) of each once per evaluation, not once per history. */
  times: Float64Array;
  distinctHistories: number;
  customerCount: number;
}

export function assertValidCustomer(customer: BgNbdCustomer): void {
  const { x, tx, T } = customer;
  if (!Number.isInteger(x) || x < 0) throw new RangeError(`x must be a whole number >= 0, got ${x}`);
  if (!Number.isFinite(T) || T < 0) throw new RangeError(`T must be a finite number >= 0, got ${T}`);
  if (!Number.isFinite(tx) || tx < 0 || tx > T) throw new RangeError(`tx must be between 0 and T (${T}), got ${tx}`);
}

type GroupBuilder = { byT: Map<number, Map<number, number>>; tx: number[]; t: number[]; counts: number[] };

/** Collapses customers to unique (x, t_x, T) with counts; t_x is irrelevant when x = 0. */
export function groupHistories(customers: readonly WeightedBgNbdCustomer[]): GroupedHistories {
  const timeIndex = new Map<number, number>();
  const times: number[] = [];
  const indexOfTime = (t: number) => {
    let index = timeIndex.get(t);
    if (index === undefined) {
      index = times.push(t) - 1;
      timeIndex.set(t, index);
    }
    return index;
  };
  const byX = new Map<number, GroupBuilder>();
  let customerCount = 0;
  for (const customer of customers) {
    assertValidCustomer(customer);
    const count = customer.count ?? 1;
    if (!Number.isInteger(count) || count < 1) throw new RangeError(`count must be a whole number >= 1, got ${count}`);
    customerCount += count;
    const t = indexOfTime(customer.T);
    const tx = indexOfTime(customer.x === 0 ? 0 : customer.tx);
    let group = byX.get(customer.x);
    if (!group) byX.set(customer.x, (group = { byT: new Map(), tx: [], t: [], counts: [] }));
    let byTx = group.byT.get(t);
    if (!byTx) group.byT.set(t, (byTx = new Map()));
    const existing = byTx.get(tx);
    if (existing !== undefined) group.counts[existing] = (group.counts[existing] ?? 0) + count;
    else {
      byTx.set(tx, group.counts.length);
      group.tx.push(tx);
      group.t.push(t);
      group.counts.push(count);
    }
  }
  const groups = [...byX.entries()]
    .sort(([x1], [x2]) => x1 - x2)
    .map(([x, g]) => ({
      x,
      customerCount: g.counts.reduce((s, c) => s + c, 0),
      txIndex: Int32Array.from(g.tx),
      tIndex: Int32Array.from(g.t),
      counts: Float64Array.from(g.counts),
    }));
  return {
    groups,
    times: Float64Array.from(times),
    distinctHistories: groups.reduce((s, g) => s + g.counts.length, 0),
    customerCount,
  };
}

interface LikelihoodWithGradient {
  logLikelihood: number;
  /** ∂LL/∂(ln r, ln α, ln a, ln b). */
  gradientLog: [number, number, number, number];
}

/**
 * Which model's likelihood: BG/NBD (Fader, Hardie & Lee 2005), where a client can only drop out after a repeat
 * purchase, or MBG/NBD (Batislam, Denizel & Filiztekin 2007), where a client can drop out after any purchase,
 * the first included, so a one-order client can have left.
 */
export type DropoutModel = "bgnbd" | "mbgnbd";

/**
 * BG/NBD: ln L_i = lnΓ(r+x) − lnΓ(r) + r ln α + lnΓ(a+b) + lnΓ(b+x) − lnΓ(b) − lnΓ(a+b+x)
 *        + ln[(α+T)^−(r+x) + 1{x>0} a/(b+x−1) (α+t_x)^−(r+x)]
 * MBG/NBD is the same with b+x+1 for b+x, a+b+x+1 for a+b+x, a/(b+x) for a/(b+x−1), and the drop-out term for
 * x = 0 too.
 */
export function groupedLogLikelihood(params: BgNbdParams, grouped: GroupedHistories, model: DropoutModel = "bgnbd"): LikelihoodWithGradient {
  const shift = model === "mbgnbd" ? 1 : 0;
  const { r, alpha, a, b } = params;
  const logAlpha = Math.log(alpha);
  const lgR = lgamma(r);
  const lgB = lgamma(b);
  const lgAB = lgamma(a + b);
  const psiR = digamma(r);
  const psiB = digamma(b);
  const psiAB = digamma(a + b);
  const logA = Math.log(a);

  // ln(α + t) and 1/(α + t) for every distinct time, shared by all the histories that have it.
  const { times } = grouped;
  const logAlphaPlus = new Float64Array(times.length);
  const inverseAlphaPlus = new Float64Array(times.length);
  for (let i = 0; i < times.length; i++) {
    const value = alpha + (times[i] ?? 0);
    logAlphaPlus[i] = Math.log(value);
    inverseAlphaPlus[i] = 1 / value;
  }

  let ll = 0;
  let dR = 0;
  let dAlpha = 0;
  let dA = 0;
  let dB = 0;

  for (const group of grouped.groups) {
    const { x, txIndex, tIndex, counts } = group;
    const n = group.customerCount;
    const rx = r + x;
    const bx = b + x + shift;
    ll += n * (lgamma(rx) - lgR + r * logAlpha + lgAB + lgamma(bx) - lgB - lgamma(a + bx));
    dR += n * (digamma(rx) - psiR + logAlpha);
    dAlpha += (n * r) / alpha;
    const psiABX = digamma(a + bx);
    dA += n * (psiAB - psiABX);
    dB += n * (psiAB + digamma(bx) - psiB - psiABX);

    if (x === 0 && shift === 0) {
      // Only the "alive" branch: ln L = −r ln(α+T).
      for (let i = 0; i < counts.length; i++) {
        const t = tIndex[i] ?? 0;
        const c = counts[i] ?? 0;
        const logAlphaT = logAlphaPlus[t] ?? 0;
        ll -= c * rx * logAlphaT;
        dR -= c * logAlphaT;
        dAlpha -= c * rx * (inverseAlphaPlus[t] ?? 0);
      }
      continue;
    }
    const logDropoutFactor = logA - Math.log(bx - 1);
    // Σ count × weight of the "dropped out after t_x" branch, for the a and b derivatives.
    let dropoutCustomers = 0;
    for (let i = 0; i < counts.length; i++) {
      const t = tIndex[i] ?? 0;
      const tx = txIndex[i] ?? 0;
      const c = counts[i] ?? 0;
      const logAlphaT = logAlphaPlus[t] ?? 0;
      const logAlphaTx = logAlphaPlus[tx] ?? 0;
      const aliveTerm = -rx * logAlphaT;
      const dropoutTerm = logDropoutFactor - rx * logAlphaTx;
      // ln(e^alive + e^dropout) from the larger term, with one exp and one log1p.
      const difference = dropoutTerm - aliveTerm;
      let logSum: number;
      let dropoutWeight: number;
      if (difference <= 0) {
        const e = Math.exp(difference);
        logSum = aliveTerm + Math.log1p(e);
        dropoutWeight = e / (1 + e);
      } else {
        const e = Math.exp(-difference);
        logSum = dropoutTerm + Math.log1p(e);
        dropoutWeight = 1 / (1 + e);
      }
      const aliveWeight = 1 - dropoutWeight;
      ll += c * logSum;
      dR -= c * (aliveWeight * logAlphaT + dropoutWeight * logAlphaTx);
      dAlpha -= c * rx * (aliveWeight * (inverseAlphaPlus[t] ?? 0) + dropoutWeight * (inverseAlphaPlus[tx] ?? 0));
      dropoutCustomers += c * dropoutWeight;
    }
    dA += dropoutCustomers / a;
    dB -= dropoutCustomers / (bx - 1);
  }
  return { logLikelihood: ll, gradientLog: [dR * r, dAlpha * alpha, dA * a, dB * b] };
}
