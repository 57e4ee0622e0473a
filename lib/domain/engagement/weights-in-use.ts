import type { ScoreWeights } from "./score";
import { wholePercents } from "./whole-percents";

const WEIGHT_LABELS = [
  ["outlook", "outlook"],
  ["recency", "recency"],
  ["frequency", "frequency"],
  ["value", "value"],
  ["keepRate", "keep rate"],
] as const;

/** "outlook 25%, recency 38%, …", in whole percents that add up to 100. */
export function learnedWeightsText(weights: Partial<Record<(typeof WEIGHT_LABELS)[number][0], number>>): string {
  const percents = wholePercents(WEIGHT_LABELS.map(([key]) => weights[key] ?? 0));
  return WEIGHT_LABELS.map(([, label], index) => `${label} ${percents[index] ?? 0}%`).join(", ");
}

/**
 * Which weights the scores on screen were made with, for the engagement settings: the admin's weights there are only
 * the fallback once a fit has learned its own, which the form alone would not tell.
 */
export function weightsInUseText(latestFit: { weights: ScoreWeights | null } | null, fittedOn: string): string {
  if (!latestFit) return "No churn model is fitted yet, so scores use the weights below. The first full rescoring learns the shop's own, if it has enough history.";
  if (!latestFit.weights) return `Scores use the weights below (and “At risk below P(alive)”): the model fitted ${fittedOn} found too little history to learn the shop's own.`;
  return `Scores now use weights learned on the shop's own history by the model fitted ${fittedOn}: ${learnedWeightsText(latestFit.weights)} (Settings → Scoring). The weights below, and “At risk below P(alive)”, apply only when a fit finds too little history.`;
}
