// Unconstrained minimisation by BFGS with a strong-Wolfe line search (Nocedal & Wright, ch. 3 and 6).

interface ValueAndGradient {
  value: number;
  gradient: number[];
}

type Objective = (x: readonly number[]) => ValueAndGradient;

interface MinimizeOptions {
  maxIterations?: number;
  /** Stop when every gradient component is below this in absolute value. */
  gradientTolerance?: number;
  /** Largest first trial step, in the units of x, so a steep start cannot jump to overflow. */
  maxStep?: number;
  /** The curvature learnt on a similar problem (its result's inverseHessian): without it BFGS starts from the identity. */
  initialInverseHessian?: readonly (readonly number[])[];
}

interface MinimizeResult {
  x: number[];
  value: number;
  gradient: number[];
  iterations: number;
  converged: boolean;
  /** BFGS's estimate of the inverse Hessian at x, to warm-start a similar problem. */
  inverseHessian: number[][];
}

const ARMIJO_C1 = 1e-4;
const CURVATURE_C2 = 0.9;
const MAX_LINE_SEARCH_STEPS = 40;
// Bisections before the line search gives up: a bracket narrowed 4096-fold that still shows no sufficient decrease
// is floating-point noise at the optimum, and each further step costs a full evaluation of the objective.
const MAX_ZOOM_STEPS = 12;
// Within this factor of the gradient tolerance, a few bisections will do: what fails to decrease there is noise.
// (A sum over 76,000 histories has shown noise near 3e-7, above a 1e-7 tolerance: 13 evaluations a step, for nothing.)
const NEAR_TOLERANCE = 10;
const NEAR_TOLERANCE_ZOOM_STEPS = 3;

const dot = (u: readonly number[], v: readonly number[]) => u.reduce((s, ui, i) => s + ui * (v[i] ?? 0), 0);
const maxAbs = (v: readonly number[]) => v.reduce((m, vi) => Math.max(m, Math.abs(vi)), 0);
const axpy = (x: readonly number[], step: number, dir: readonly number[]) => x.map((xi, i) => xi + step * (dir[i] ?? 0));

function identity(n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
}

function matVec(m: readonly number[][], v: readonly number[]): number[] {
  return m.map((row) => dot(row, v));
}

/** Non-finite objective values count as +Infinity so the line search backs away from them. */
function safeEvaluate(objective: Objective, x: readonly number[]): ValueAndGradient {
  const result = objective(x);
  const finite = Number.isFinite(result.value) && result.gradient.every(Number.isFinite);
  return finite ? result : { value: Number.POSITIVE_INFINITY, gradient: result.gradient };
}

interface LinePoint {
  step: number;
  x: number[];
  evaluation: ValueAndGradient;
  slope: number;
}

function strongWolfeLineSearch(
  objective: Objective,
  x: readonly number[],
  start: ValueAndGradient,
  direction: readonly number[],
  initialStep: number,
  maxZoomSteps: number,
): LinePoint | null {
  const slope0 = dot(start.gradient, direction);
  const evaluateAt = (step: number): LinePoint => {
    const xs = axpy(x, step, direction);
    const evaluation = safeEvaluate(objective, xs);
    return { step, x: xs, evaluation, slope: dot(evaluation.gradient, direction) };
  };
  const sufficientDecrease = (p: LinePoint) => p.evaluation.value <= start.value + ARMIJO_C1 * p.step * slope0;
  const curvatureHolds = (p: LinePoint) => Math.abs(p.slope) <= -CURVATURE_C2 * slope0;

  const zoom = (lowIn: LinePoint, highIn: LinePoint): LinePoint | null => {
    let low = lowIn;
    let high = highIn;
    for (let i = 0; i < maxZoomSteps; i++) {
      const trial = evaluateAt(0.5 * (low.step + high.step));
      if (!sufficientDecrease(trial) || trial.evaluation.value >= low.evaluation.value) {
        high = trial;
      } else {
        if (curvatureHolds(trial)) return trial;
        if (trial.slope * (high.step - low.step) >= 0) high = low;
        low = trial;
      }
    }
    return low.step > 0 ? low : null;
  };

  let previous: LinePoint = { step: 0, x: [...x], evaluation: start, slope: slope0 };
  let step = initialStep;
  for (let i = 0; i < MAX_LINE_SEARCH_STEPS; i++) {
    const trial = evaluateAt(step);
    if (!sufficientDecrease(trial) || (i > 0 && trial.evaluation.value >= previous.evaluation.value)) {
      return zoom(previous, trial);
    }
    if (curvatureHolds(trial)) return trial;
    if (trial.slope >= 0) return zoom(trial, previous);
    previous = trial;
    step *= 2;
  }
  return previous.step > 0 ? previous : null;
}

/** Minimises `objective` from `x0`; deterministic for a given start. */
export function minimizeBfgs(objective: Objective, x0: readonly number[], options: MinimizeOptions = {}): MinimizeResult {
  const maxIterations = options.maxIterations ?? 200;
  const gradientTolerance = options.gradientTolerance ?? 1e-8;
  const maxStep = options.maxStep ?? 1;
  const n = x0.length;

  let x = [...x0];
  let current = safeEvaluate(objective, x);
  if (!Number.isFinite(current.value)) throw new RangeError("Objective is not finite at the starting point");
  const warm = options.initialInverseHessian?.map((row) => [...row]) ?? null;
  let inverseHessian = warm ?? identity(n);
  let iterations = 0;

  while (iterations < maxIterations) {
    if (maxAbs(current.gradient) < gradientTolerance) {
      return { x, value: current.value, gradient: current.gradient, iterations, converged: true, inverseHessian };
    }
    let direction = matVec(inverseHessian, current.gradient).map((v) => -v);
    if (dot(direction, current.gradient) >= 0) {
      // Lost positive definiteness: restart from steepest descent.
      inverseHessian = identity(n);
      direction = current.gradient.map((g) => -g);
    }
    const initialStep = Math.min(1, maxStep / Math.max(maxAbs(direction), Number.MIN_VALUE));
    const zoomSteps = maxAbs(current.gradient) < NEAR_TOLERANCE * gradientTolerance ? NEAR_TOLERANCE_ZOOM_STEPS : MAX_ZOOM_STEPS;
    const accepted = strongWolfeLineSearch(objective, x, current, direction, initialStep, zoomSteps);
    iterations++;
    if (!accepted) break;

    const s = accepted.x.map((xi, i) => xi - (x[i] ?? 0));
    const y = accepted.evaluation.gradient.map((gi, i) => gi - (current.gradient[i] ?? 0));
    const previousValue = current.value;
    x = accepted.x;
    current = accepted.evaluation;
    const sy = dot(s, y);
    if (sy > 1e-300) {
      if (iterations === 1 && !warm) {
        // Scale the first inverse-Hessian guess to the observed curvature (N&W eq. 6.20).
        const scale = sy / dot(y, y);
        inverseHessian = identity(n).map((row) => row.map((v) => v * scale));
      }
      inverseHessian = bfgsInverseUpdate(inverseHessian, s, y, sy);
    }
    const change = Math.abs(previousValue - current.value);
    if (change <= 1e-16 * Math.max(1, Math.abs(current.value)) && maxAbs(s) < 1e-12) break;
  }
  const converged = maxAbs(current.gradient) < gradientTolerance;
  return { x, value: current.value, gradient: current.gradient, iterations, converged, inverseHessian };
}

/** H⁺ = (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, with ρ = 1 / (yᵀ s). */
function bfgsInverseUpdate(h: number[][], s: number[], y: number[], sy: number): number[][] {
  const rho = 1 / sy;
  const hy = matVec(h, y);
  const yhy = dot(y, hy);
  return h.map((row, i) =>
    row.map((hij, j) => {
      const si = s[i] ?? 0;
      const sj = s[j] ?? 0;
      return hij - rho * ((hy[i] ?? 0) * sj + si * (hy[j] ?? 0)) + (rho * rho * yhy + rho) * si * sj;
    }),
  );
}
