// Score weights learned on the shop's own history: which components foretold who ordered again.
import type { EngagementComponent, ScoreWeights } from "./score";

/** One client as scored at a past cutoff: its components (0–100, NaN when unmeasured) and whether it then ordered. */
export interface WeightExample {
  components: Readonly<Record<EngagementComponent, number>>;
  orderedAgain: boolean;
}

export interface LearnedScoreWeights {
  /** Normalised to sum to 1; every weight ≥ 0, so each component can only raise the score as it rises. */
  weights: ScoreWeights;
  examples: number;
  orderedAgain: number;
}

const LEARNED_COMPONENTS: readonly EngagementComponent[] = ["recency", "frequency", "value", "keepRate", "outlook"];
// Fewer examples, or fewer clients on either side of the outcome, and the weights would follow noise: the admin's
// weights are used instead.
const MIN_EXAMPLES = 200;
const MIN_EACH_OUTCOME = 30;
// Ridge penalty on the coefficients (features on 0–1), per example: enough to settle a component that tells nothing
// (a keep rate that is 100% for everyone) at zero, too little to move one that tells something.
const RIDGE = 1e-3;
const MAX_ITERATIONS = 100;
const TOLERANCE = 1e-12;

/**
 * A logistic regression of "ordered again" on the components (scaled to 0–1; an unmeasured one takes the mean of
 * the measured), its coefficients constrained to be ≥ 0 so that each component moves the score the way its driver
 * says, fitted by projected Newton steps (the intercept is free). The score is then the components' weighted sum
 * with the coefficients normalised: it ranks clients as the regression does. Null when the history is too thin or
 * no component tells anything (every coefficient zero).
 */
export function learnScoreWeights(examples: readonly WeightExample[]): LearnedScoreWeights | null {
  const n = examples.length;
  const positives = examples.reduce((k, e) => k + (e.orderedAgain ? 1 : 0), 0);
  if (n < MIN_EXAMPLES || positives < MIN_EACH_OUTCOME || n - positives < MIN_EACH_OUTCOME) return null;
  const d = LEARNED_COMPONENTS.length;
  // Row-major features with a leading 1 for the intercept: parameter 0 is the intercept, 1..d the coefficients.
  const width = d + 1;
  const x = new Float64Array(n * width);
  LEARNED_COMPONENTS.forEach((component, j) => {
    const column = featureColumn(examples, component);
    for (let i = 0; i < n; i++) x[i * width + j + 1] = column[i] ?? 0;
  });
  for (let i = 0; i < n; i++) x[i * width] = 1;
  const y = Float64Array.from(examples, (e) => (e.orderedAgain ? 1 : 0));
  let theta = new Float64Array(width);
  theta[0] = Math.log(positives / (n - positives));

  const loss = (t: Float64Array) => {
    let total = 0;
    for (let i = 0; i < n; i++) total += logLoss(dot(x, i * width, t), y[i] ?? 0);
    let penalty = 0;
    for (let j = 1; j < width; j++) penalty += (t[j] ?? 0) ** 2;
    return total / n + (RIDGE / 2) * penalty;
  };
  let current = loss(theta);
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    const { gradient, hessian } = derivatives(x, y, theta, width);
    // Coefficients held at zero whose gradient pushes them further down stay out of this step.
    const free = Array.from({ length: width }, (_, j) => j === 0 || (theta[j] ?? 0) > 0 || (gradient[j] ?? 0) < 0);
    const step = solveOnFree(hessian, gradient, free, width);
    let scale = 1;
    let accepted = false;
    for (let tries = 0; tries < 40 && !accepted; tries++, scale /= 2) {
      const next = theta.map((v, j) => (j === 0 ? v - scale * (step[j] ?? 0) : Math.max(0, v - scale * (step[j] ?? 0))));
      const after = loss(next);
      if (after <= current) {
        accepted = true;
        const moved = next.reduce((s, v, j) => s + Math.abs(v - (theta[j] ?? 0)), 0);
        theta = next;
        const improvement = current - after;
        current = after;
        if (moved < 1e-10 || improvement < TOLERANCE) iteration = MAX_ITERATIONS;
      }
    }
    if (!accepted) break;
  }
  const beta = theta.subarray(1);
  const total = beta.reduce((s, b) => s + b, 0);
  if (!(total > 0)) return null;
  const weights = Object.fromEntries(LEARNED_COMPONENTS.map((c, j) => [c, (beta[j] ?? 0) / total])) as ScoreWeights;
  return { weights: Object.freeze(weights), examples: n, orderedAgain: positives };
}

const dot = (x: Float64Array, offset: number, t: Float64Array) => {
  let v = 0;
  for (let j = 0; j < t.length; j++) v += (x[offset + j] ?? 0) * (t[j] ?? 0);
  return v;
};

/** Gradient and Hessian of the mean penalised log-loss at `theta`. */
function derivatives(x: Float64Array, y: Float64Array, theta: Float64Array, width: number) {
  const n = y.length;
  const gradient = new Float64Array(width);
  const hessian = new Float64Array(width * width);
  for (let i = 0; i < n; i++) {
    const offset = i * width;
    const p = sigmoid(dot(x, offset, theta));
    const r = p - (y[i] ?? 0);
    const w = p * (1 - p);
    for (let j = 0; j < width; j++) {
      const xj = x[offset + j] ?? 0;
      gradient[j] = (gradient[j] ?? 0) + r * xj;
      for (let k = 0; k <= j; k++) hessian[j * width + k] = (hessian[j * width + k] ?? 0) + w * xj * (x[offset + k] ?? 0);
    }
  }
  for (let j = 0; j < width; j++) {
    gradient[j] = (gradient[j] ?? 0) / n + (j === 0 ? 0 : RIDGE * (theta[j] ?? 0));
    for (let k = 0; k <= j; k++) {
      const v = (hessian[j * width + k] ?? 0) / n + (j === k && j > 0 ? RIDGE : 0);
      hessian[j * width + k] = v;
      hessian[k * width + j] = v;
    }
  }
  return { gradient, hessian };
}

/** The Newton step H⁻¹g on the free parameters (zero on the others), by Gaussian elimination with partial pivoting. */
function solveOnFree(hessian: Float64Array, gradient: Float64Array, free: boolean[], width: number): Float64Array {
  const index = free.flatMap((f, j) => (f ? [j] : []));
  const m = index.length;
  const a = index.map((j) => [...index.map((k) => hessian[j * width + k] ?? 0), gradient[j] ?? 0]);
  for (let col = 0; col < m; col++) {
    let pivot = col;
    for (let row = col + 1; row < m; row++) if (Math.abs(a[row]?.[col] ?? 0) > Math.abs(a[pivot]?.[col] ?? 0)) pivot = row;
    [a[col], a[pivot]] = [a[pivot] ?? [], a[col] ?? []];
    const head = a[col] ?? [];
    const diagonal = head[col] ?? 0;
    if (Math.abs(diagonal) < 1e-15) continue;
    for (let row = 0; row < m; row++) {
      if (row === col) continue;
      const target = a[row] ?? [];
      const factor = (target[col] ?? 0) / diagonal;
      for (let k = col; k <= m; k++) target[k] = (target[k] ?? 0) - factor * (head[k] ?? 0);
    }
  }
  const step = new Float64Array(width);
  index.forEach((j, r) => {
    const row = a[r] ?? [];
    const diagonal = row[r] ?? 0;
    step[j] = Math.abs(diagonal) < 1e-15 ? 0 : (row[m] ?? 0) / diagonal;
  });
  return step;
}

/** A component on 0–1, an unmeasured value replaced by the mean of the measured ones (0 when none is). */
function featureColumn(examples: readonly WeightExample[], component: EngagementComponent): Float64Array {
  let sum = 0;
  let measured = 0;
  for (const e of examples) {
    const v = e.components[component];
    if (!Number.isNaN(v)) {
      sum += v;
      measured++;
    }
  }
  const mean = measured > 0 ? sum / measured : 0;
  return Float64Array.from(examples, (e) => (Number.isNaN(e.components[component]) ? mean : e.components[component]) / 100);
}

const sigmoid = (v: number) => (v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v)));
/** −[y ln σ(η) + (1−y) ln(1−σ(η))], computed without overflow. */
const logLoss = (eta: number, y: number) => Math.max(eta, 0) - eta * y + Math.log1p(Math.exp(-Math.abs(eta)));
