// Scoring a whole set of histories as of one date with a fitted drop-out model: shared by learning the weights at a
// past cutoff, the model check and the evaluation harness.
import { fitBgNbd } from "./bgnbd";
import { bgNbdInputOfKey, bgNbdKeyOf, DistinctBgNbdInputs } from "./distinct-inputs";
import { type ClientHistory, DAY_MS } from "./history";
import { learnScoreWeights, type LearnedScoreWeights } from "./learn-weights";
import { applyCalibration, fitCalibration, type HazardCalibration } from "./calibration";
import { type DropoutModelFit, modelPAlive, probabilityOfPurchaseGivenAlive } from "./mbgnbd";
import { type EngagementComponent, type EngagementTier, historyFigures, type ScoreWeights, ScoreWorking, scoreFigures } from "./score";
import type { EngagementSettings } from "./settings";

const DAYS_PER_WEEK = 7;
export const OUTLOOK_DAYS = 90;
const MIN_CUSTOMERS = 30;

/** One history scored: its score, tier and components, and the model's view of it. */
interface ScoredHistory {
  score: number;
  tier: EngagementTier;
  components: Record<EngagementComponent, number>;
  /** NaN without a model forecast (no model, or no orders). */
  pAlive: number;
  pOrder90d: number;
}

/**
 * How long a window before a cutoff to learn the weights and the P(order) calibration on: as long as the horizon
 * they serve (a calibration carries best to a horizon like the one it was learned on), but no more than half the
 * shop's history before the cutoff, so that the clients at the window's start have histories to be scored on.
 */
export function trainingWindowDays(horizonDays: number, firstOrderAt: Date | null, cutoff: Date): number {
  if (!firstOrderAt) return horizonDays;
  const halfHistory = Math.floor((cutoff.getTime() - firstOrderAt.getTime()) / DAY_MS / 2);
  return Math.max(1, Math.min(horizonDays, halfHistory));
}

/** Each history's model numbers, computed once per distinct (x, t_x, T). */
function modelForecasts(fit: DropoutModelFit | null, histories: readonly ClientHistory[], asOf: Date, horizonDays: readonly number[]) {
  const inputs = new DistinctBgNbdInputs(Float64Array.from(histories, (h) => bgNbdKeyOf(h, asOf)));
  const pAlive = new Float64Array(inputs.size).fill(Number.NaN);
  const pOrder = horizonDays.map(() => new Float64Array(inputs.size).fill(Number.NaN));
  if (fit) {
    for (let k = 0; k < inputs.size; k++) {
      const customer = bgNbdInputOfKey(inputs.keys[k] ?? 0);
      const alive = modelPAlive(fit, customer);
      pAlive[k] = alive;
      horizonDays.forEach((days, h) => {
        const column = pOrder[h];
        if (column) column[k] = probabilityOfPurchaseGivenAlive(fit.params, days / DAYS_PER_WEEK, customer, alive);
      });
    }
  }
  const at = (column: Float64Array, i: number) => {
    const k = inputs.indexOfInput[i] ?? -1;
    return k < 0 ? Number.NaN : (column[k] ?? Number.NaN);
  };
  return {
    pAliveOf: (i: number) => at(pAlive, i),
    pOrderOf: (h: number, i: number) => at(pOrder[h] ?? new Float64Array(0), i),
  };
}

/** The drop-out model fitted by maximum likelihood on the histories as of `asOf`; null when too few clients or no repeat buyer. */
export function fitDropoutModel(histories: readonly ClientHistory[], asOf: Date, model: DropoutModelFit["model"] = "mbgnbd"): DropoutModelFit | null {
  const inputs = new DistinctBgNbdInputs(Float64Array.from(histories, (h) => bgNbdKeyOf(h, asOf)));
  const grouped = inputs.grouped();
  if (grouped.customerCount < MIN_CUSTOMERS || !grouped.groups.some((g) => g.x > 0)) return null;
  const fit = fitBgNbd(grouped, { model });
  return fit.converged ? { model, params: fit.params } : null;
}

/** Every history scored as of `asOf`, with the model's outlook and the given (or the settings') weights. */
export function scoreHistories(
  histories: readonly ClientHistory[],
  asOf: Date,
  settings: EngagementSettings,
  fit: DropoutModelFit | null,
  learned: ScoreWeights | null,
  extraHorizonDays: readonly number[] = [],
  calibration: HazardCalibration | null = null,
): { scored: ScoredHistory[]; pOrderOf: (h: number, i: number) => number } {
  const forecasts = modelForecasts(fit, histories, asOf, [OUTLOOK_DAYS, ...extraHorizonDays]);
  const working = new ScoreWorking();
  const scored = histories.map((history, i) => {
    const pAlive = forecasts.pAliveOf(i);
    // As a full run scores: the outlook is the recalibrated chance, when the shop's history gave a calibration.
    const pOrder90d = calibration ? applyCalibration(calibration, forecasts.pOrderOf(0, i)) : forecasts.pOrderOf(0, i);
    scoreFigures(historyFigures(history), asOf.getTime(), settings, Number.isNaN(pAlive) ? null : pAlive, working, pOrder90d, Number.isNaN(pOrder90d) ? null : learned);
    return {
      score: working.score,
      tier: working.tier,
      components: { recency: working.recency, frequency: working.frequency, value: working.value, keepRate: working.keepRate, outlook: working.outlook },
      pAlive,
      pOrder90d,
    };
  });
  return { scored, pOrderOf: (h, i) => forecasts.pOrderOf(h + 1, i) };
}

/**
 * Weights learned at a past cutoff: every client scored as of then (the model fitted as of then), against whether
 * each ordered in the window after it. Null when the history is too thin (see learnScoreWeights).
 */
export function learnWeightsAt(
  histories: readonly ClientHistory[],
  orderedAgain: readonly boolean[],
  cutoff: Date,
  windowDays: number,
  settings: EngagementSettings,
): { learned: LearnedScoreWeights | null; calibration: HazardCalibration | null } {
  const withOrders = histories.flatMap((h, i) => (h.orderCount > 0 ? [i] : []));
  const pastHistories = withOrders.map((i) => histories[i] as ClientHistory);
  const fit = fitDropoutModel(pastHistories, cutoff);
  if (!fit) return { learned: null, calibration: null };
  const outcomes = withOrders.map((i) => orderedAgain[i] ?? false);
  // First the calibration of P(order within the window), then the weights on components whose outlook uses it (as
  // a run's scoring does); the other components do not depend on it.
  const { scored, pOrderOf } = scoreHistories(pastHistories, cutoff, settings, fit, null, [windowDays]);
  const calibration = fitCalibration(Float64Array.from(scored, (_, k) => pOrderOf(0, k)), outcomes);
  const examples = scored.map((s, k) => ({
    components: calibration ? { ...s.components, outlook: 100 * applyCalibration(calibration, s.pOrder90d) } : s.components,
    orderedAgain: outcomes[k] ?? false,
  }));
  return { learned: learnScoreWeights(examples), calibration };
}
