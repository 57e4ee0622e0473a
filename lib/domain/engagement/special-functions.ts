// Special functions for the BG/NBD model. Pure numerics, no dependencies.

const LANCZOS_G = 7;
const LANCZOS_COEFFICIENTS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** ln|Γ(x)| (Lanczos, g = 7; about 15 significant digits). */
export function lgamma(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY;
  if (Number.isInteger(x) && x <= 0) return Number.POSITIVE_INFINITY;
  // Reflection keeps the approximation in the region where it is accurate.
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgamma(1 - x);
  const shifted = x - 1;
  let series = LANCZOS_COEFFICIENTS[0] ?? 1;
  for (let i = 1; i < LANCZOS_COEFFICIENTS.length; i++) {
    series += (LANCZOS_COEFFICIENTS[i] ?? 0) / (shifted + i);
  }
  const t = shifted + LANCZOS_G + 0.5;
  return HALF_LOG_TWO_PI + (shifted + 0.5) * Math.log(t) - t + Math.log(series);
}

/** ψ(x) = d/dx ln Γ(x), by upward recurrence then the asymptotic series. */
export function digamma(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (Number.isInteger(x) && x <= 0) return Number.NaN;
  if (x < 0) return digamma(1 - x) - Math.PI / Math.tan(Math.PI * x);
  let result = 0;
  let y = x;
  // At y >= 10 the truncated asymptotic series is accurate to about 1e-16.
  while (y < 10) {
    result -= 1 / y;
    y += 1;
  }
  const inv = 1 / y;
  const inv2 = inv * inv;
  const tail = inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132 - (inv2 * 691) / 32760)))));
  return result + Math.log(y) - 0.5 * inv - tail;
}

/** ln(e^a + e^b) without overflow. */
export function logAddExp(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (b === Number.NEGATIVE_INFINITY) return a;
  const max = Math.max(a, b);
  return max + Math.log1p(Math.exp(-Math.abs(a - b)));
}

/** ln Σ e^(v_i) without overflow; -Infinity for an empty list. */
export function logSumExp(values: readonly number[]): number {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) if (v > max) max = v;
  if (max === Number.NEGATIVE_INFINITY || !Number.isFinite(max)) return max;
  let sum = 0;
  for (const v of values) sum += Math.exp(v - max);
  return max + Math.log(sum);
}

/** ln B(a, b). */
export function logBeta(a: number, b: number): number {
  return lgamma(a) + lgamma(b) - lgamma(a + b);
}

const SERIES_RELATIVE_TOLERANCE = 1e-15;
const SERIES_MAX_TERMS = 200_000;

/**
 * (₂F₁(a, b; c; z) − 1) / b, the series Σ_{k≥1} (a)_k (b+1)_{k−1} / ((c)_k k!) z^k.
 * Dividing by b lets callers cancel a small b analytically instead of losing digits to 1 − ₂F₁.
 */
export function hyp2f1Excess(a: number, b: number, c: number, z: number): number {
  if (!(Math.abs(z) < 1)) throw new RangeError(`hyp2f1 series needs |z| < 1, got z = ${z}`);
  if (Number.isInteger(c) && c <= 0) throw new RangeError(`hyp2f1 is undefined for c = ${c}`);
  const absZ = Math.abs(z);
  let term = (a * z) / c;
  let sum = 0;
  for (let k = 1; k <= SERIES_MAX_TERMS; k++) {
    sum += term;
    if (term === 0) return sum;
    const ratio = (((a + k) * (b + k)) / ((c + k) * (k + 1))) * z;
    const nextTerm = term * ratio;
    // The term ratios tend to z, so a geometric tail with the larger of the two bounds what is left.
    const tailRatio = Math.max(Math.abs(ratio), absZ);
    if (tailRatio < 1 && (Math.abs(nextTerm) / (1 - tailRatio)) <= SERIES_RELATIVE_TOLERANCE * Math.abs(sum)) {
      return sum + nextTerm;
    }
    if (!Number.isFinite(nextTerm)) break;
    term = nextTerm;
  }
  throw new RangeError(`hyp2f1 series did not converge for a=${a}, b=${b}, c=${c}, z=${z}`);
}

/** Gauss hypergeometric ₂F₁(a, b; c; z) for |z| < 1, summed as a power series. */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (b === 0 || a === 0) return 1;
  return 1 + b * hyp2f1Excess(a, b, c, z);
}

/** (e^(s·L) − 1) / s, with its limit L at s = 0. */
export function expm1Ratio(s: number, L: number): number {
  return s === 0 ? L : Math.expm1(s * L) / s;
}
