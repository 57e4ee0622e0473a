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

export const LEARNED_COMPONENTS: readonly EngagementComponent[] = ["recency", "frequency", "value", "keepRate", "outlook"];
// Fewer examples, or fewer clients on either side of the outcome, and the weights would follow noise: the admin's
// weights are used instead.
export const MIN_EXAMPLES = 200;
export const MIN_EACH_OUTCOME = 30;
// Ridge penalty on the coefficients (features on 0–1), per example: enough to settle a component that tells nothing
// (a keep rate that is 100% for everyone) at zero, too little to move one that tells something.
const RIDGE = 1e-3;
const SWEEPS = 200;
const TOLERANCE = 1e-9;

/**
 * A logistic regression of "ordered again" on the components (scaled to 0–1; an unmeasured one takes the mean of
 * the measured), its coefficients constrained to be ≥ 0 so that each component moves the score the way its driver
 * says, fitted by coordinate descent with projected Newton steps. The score is then the components' weighted sum
 * with the coefficients normalised: it ranks clients as the regression does. Null when the history is too thin or
 * no component tells anything (every coefficient zero).
 */
export function learnScoreWeights(examples: readonly WeightExample[]): LearnedScoreWeights | null {
  const n = examples.length;
  const positives = examples.reduce((k, e) => k + (e.orderedAgain ? 1 : 0), 0);
  if (n < MIN_EXAMPLES || positives < MIN_EACH_OUTCOME || n - positives < MIN_EACH_OUTCOME) return null;
  const d = LEARNED_COMPONENTS.length;
  const columns = LEARNED_COMPONENTS.map((component) => featureColumn(examples, component));
  const y = Float64Array.from(examples, (e) => (e.orderedAgain ? 1 : 0));
  const beta = new Float64Array(d);
  let intercept = Math.log(positives / (n - positives));
  const eta = new Float64Array(n).fill(intercept);

  const loss = () => {
    let total = 0;
    for (let i = 0; i < n; i++) total += logLoss(eta[i] ?? 0, y[i] ?? 0);
    let penalty = 0;
    for (const b of beta) penalty += b * b;
    return total / n + (RIDGE / 2) * penalty;
  };
  let current = loss();
  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    const before = current;
    for (let j = -1; j < d; j++) {
      const column = j < 0 ? null : (columns[j] ?? null);
      // Gradient and curvature of the mean loss along this coordinate.
      let gradient = 0;
      let curvature = 0;
      for (let i = 0; i < n; i++) {
        const p = sigmoid(eta[i] ?? 0);
        const xi = column ? (column[i] ?? 0) : 1;
        gradient += (p - (y[i] ?? 0)) * xi;
        curvature += p * (1 - p) * xi * xi;
      }
      const old = j < 0 ? intercept : (beta[j] ?? 0);
      gradient = gradient / n + (j < 0 ? 0 : RIDGE * old);
      curvature = curvature / n + (j < 0 ? 0 : RIDGE);
      if (curvature <= 0) continue;
      let step = -gradient / curvature;
      // Halve the step until the loss does not rise (the Newton step can overshoot far from the optimum).
      for (let tries = 0; tries < 30; tries++) {
        const next = j < 0 ? old + step : Math.max(0, old + step);
        const delta = next - old;
        if (delta === 0) break;
        for (let i = 0; i < n; i++) eta[i] = (eta[i] ?? 0) + delta * (column ? (column[i] ?? 0) : 1);
        if (j < 0) intercept = next;
        else beta[j] = next;
        const after = loss();
        if (after <= current + 1e-15) {
          current = after;
          break;
        }
        for (let i = 0; i < n; i++) eta[i] = (eta[i] ?? 0) - delta * (column ? (column[i] ?? 0) : 1);
        if (j < 0) intercept = old;
        else beta[j] = old;
        step /= 2;
      }
    }
    if (before - current < TOLERANCE) break;
  }
  const total = beta.reduce((s, b) => s + b, 0);
  if (!(total > 0)) return null;
  const weights = Object.fromEntries(LEARNED_COMPONENTS.map((c, j) => [c, (beta[j] ?? 0) / total])) as ScoreWeights;
  return { weights: Object.freeze(weights), examples: n, orderedAgain: positives };
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
