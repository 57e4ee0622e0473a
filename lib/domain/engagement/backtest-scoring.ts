// A backtest of the product's scoring as it runs: weights learned at a cutoff before the check's cutoff, the model
// fitted as of the check's cutoff, every client scored then, and the result set beside the rule and the model alone.
import { type ClientHistory, DAY_MS, daysBetween } from "./history";
import { applyCalibration, type HazardCalibration } from "./calibration";
import type { LearnedScoreWeights } from "./learn-weights";
import type { DropoutModelFit } from "./mbgnbd";
import { type CheckedClient, checkModel, type ModelCheckReport } from "./model-check";
import { fitDropoutModel, learnWeightsAt, scoreHistories } from "./score-at";
import type { EngagementSettings } from "./settings";

/** Clients' histories as of a date and whether each ordered in the window after it. */
export interface HistoriesAt {
  asOf: Date;
  histories: readonly ClientHistory[];
  orderedAgain: readonly boolean[];
}

export interface ScoringBacktest {
  report: ModelCheckReport;
  /** P(order within the horizon) recalibrated on the training window; null when that was too thin (raw model). */
  calibration: HazardCalibration | null;
  fit: DropoutModelFit | null;
  /** Null when the training window's history was too thin: the admin's weights were used. */
  learned: LearnedScoreWeights | null;
}

/**
 * `check`: the clients at the check's cutoff (those with orders by then), with what they did within `horizonDays`.
 * `training`: the same clients (or any) at an earlier cutoff with what they did until the check's cutoff, to learn
 * the weights from, as a full rescoring learns them from the window before its own date.
 */
export function backtestScoring(check: HistoriesAt, training: HistoriesAt | null, horizonDays: number, settings: EngagementSettings, model: DropoutModelFit["model"] = "mbgnbd"): ScoringBacktest {
  const trainingWindow = training ? Math.round((check.asOf.getTime() - training.asOf.getTime()) / DAY_MS) : 0;
  const { learned, calibration } = training ? learnWeightsAt(training.histories, training.orderedAgain, training.asOf, trainingWindow, settings) : { learned: null, calibration: null };
  const fit = fitDropoutModel(check.histories, check.asOf, model);
  const { scored, pOrderOf } = scoreHistories(check.histories, check.asOf, settings, fit, learned?.weights ?? null, [horizonDays], calibration);
  const clients: CheckedClient[] = scored.map((s, i) => {
    const lastOrderAt = check.histories[i]?.lastOrderAt ?? null;
    return {
      score: s.score,
      tier: s.tier,
      pOrder: calibration ? applyCalibration(calibration, pOrderOf(0, i)) : pOrderOf(0, i),
      daysSinceLastOrder: lastOrderAt ? daysBetween(lastOrderAt, check.asOf) : Number.POSITIVE_INFINITY,
      orderedAgain: check.orderedAgain[i] ?? false,
    };
  });
  return { report: checkModel(clients), fit, learned, calibration };
}
