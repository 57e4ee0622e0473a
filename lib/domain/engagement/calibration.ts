// A model's probabilities recalibrated on what the shop's own clients did: a binomial regression of the outcome on
// the model's log cumulative hazard, ln(−ln(1 − P)), with the complementary log-log link. A purchase rate the model
// puts off by a factor shifts that by a constant whatever the horizon, so a correction learned on the window before
// a cutoff carries over to a longer horizon after it (plain Platt scaling on log-odds does not).

export interface HazardCalibration {
  /** P' = 1 − exp(−exp(intercept + slope · ln(−ln(1 − P)))). */
  intercept: number;
  slope: number;
}

const EPS = 1e-9;
const logHazard = (p: number) => Math.log(-Math.log1p(-Math.min(1 - EPS, Math.max(EPS, p))));
const fromLogHazard = (v: number) => -Math.expm1(-Math.exp(Math.min(v, 30)));

export function applyCalibration(calibration: HazardCalibration, p: number): number {
  if (Number.isNaN(p)) return p;
  return fromLogHazard(calibration.intercept + calibration.slope * logHazard(p));
}

/** Maximum likelihood by iteratively reweighted least squares; null with fewer than `min` clients on either side. */
export function fitCalibration(predicted: ArrayLike<number>, observed: ArrayLike<boolean>, min = 30): HazardCalibration | null {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < predicted.length; i++) {
    const p = predicted[i] ?? Number.NaN;
    if (Number.isNaN(p)) continue;
    xs.push(logHazard(p));
    ys.push(observed[i] ? 1 : 0);
  }
  const positives = ys.reduce((s, y) => s + y, 0);
  if (positives < min || xs.length - positives < min) return null;
  let a = 0;
  let b = 1;
  for (let iteration = 0; iteration < 100; iteration++) {
    let sw = 0;
    let swx = 0;
    let swxx = 0;
    let swz = 0;
    let swxz = 0;
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i] ?? 0;
      const eta = Math.min(a + b * x, 30);
      const mu = Math.min(1 - EPS, Math.max(EPS, fromLogHazard(eta)));
      const slope = Math.max(Math.exp(eta) * (1 - mu), EPS);
      const w = (slope * slope) / (mu * (1 - mu));
      const z = eta + ((ys[i] ?? 0) - mu) / slope;
      sw += w;
      swx += w * x;
      swxx += w * x * x;
      swz += w * z;
      swxz += w * x * z;
    }
    const det = sw * swxx - swx * swx;
    if (!(det > 0)) break;
    const nextB = (sw * swxz - swx * swz) / det;
    const nextA = (swz - nextB * swx) / sw;
    const moved = Math.abs(nextA - a) + Math.abs(nextB - b);
    a = nextA;
    b = nextB;
    if (moved < 1e-10) break;
  }
  return Number.isFinite(a) && Number.isFinite(b) ? { intercept: a, slope: b } : null;
}
