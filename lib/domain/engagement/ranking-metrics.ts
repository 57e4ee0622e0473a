// How well a number ranks clients by what they did next, and how well a probability matches what happened.

/**
 * Area under the ROC curve: the chance that a randomly chosen positive ranks above a randomly chosen negative, ties
 * counting half (the Mann–Whitney statistic). Null without both positives and negatives.
 */
export function areaUnderCurve(scores: ArrayLike<number>, positive: ArrayLike<boolean>): number | null {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((i, j) => (scores[i] ?? 0) - (scores[j] ?? 0));
  let positives = 0;
  let rankSum = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    const value = scores[order[start] ?? 0] ?? 0;
    while (end < order.length && (scores[order[end] ?? 0] ?? 0) === value) end++;
    // Tied values share the mean of their ranks (1-based).
    const meanRank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) {
      if (positive[order[k] ?? 0]) {
        positives++;
        rankSum += meanRank;
      }
    }
    start = end;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return null;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * Precision of flagging by `risk` (highest first) when the flag must catch `truePositivesWanted` of the `target`
 * clients: the rule's precision at the recall another flag reaches. Tied risks are flagged together, pro rata.
 */
export function precisionAtTruePositives(risk: ArrayLike<number>, target: ArrayLike<boolean>, truePositivesWanted: number): number | null {
  if (truePositivesWanted <= 0) return null;
  const order = Array.from({ length: risk.length }, (_, i) => i).sort((i, j) => (risk[j] ?? 0) - (risk[i] ?? 0));
  let flagged = 0;
  let caught = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    const value = risk[order[start] ?? 0] ?? 0;
    let tiedTargets = 0;
    while (end < order.length && (risk[order[end] ?? 0] ?? 0) === value) {
      if (target[order[end] ?? 0]) tiedTargets++;
      end++;
    }
    if (caught + tiedTargets >= truePositivesWanted) {
      // Part of the tie, in the tie's own mix of targets and others.
      const share = tiedTargets === 0 ? 0 : (truePositivesWanted - caught) / tiedTargets;
      return truePositivesWanted / (flagged + share * (end - start));
    }
    caught += tiedTargets;
    flagged += end - start;
    start = end;
  }
  return null;
}

/** One slice of clients with similar predicted probabilities: what the model promised against what happened. */
export interface ProbabilityBin {
  bin: number;
  clients: number;
  minPredicted: number;
  maxPredicted: number;
  meanPredicted: number;
  shareObserved: number;
}

/** Sorted by prediction and cut into `bins` slices of (nearly) equal size, lowest first. */
export function probabilityBins(predicted: ArrayLike<number>, observed: ArrayLike<boolean>, bins = 10): ProbabilityBin[] {
  const order = Array.from({ length: predicted.length }, (_, i) => i)
    .filter((i) => Number.isFinite(predicted[i]))
    .sort((i, j) => (predicted[i] ?? 0) - (predicted[j] ?? 0));
  const result: ProbabilityBin[] = [];
  for (let b = 0; b < bins; b++) {
    const slice = order.slice(Math.floor((b * order.length) / bins), Math.floor(((b + 1) * order.length) / bins));
    if (slice.length === 0) continue;
    let sum = 0;
    let hits = 0;
    for (const i of slice) {
      sum += predicted[i] ?? 0;
      if (observed[i]) hits++;
    }
    result.push({
      bin: result.length + 1,
      clients: slice.length,
      minPredicted: predicted[slice[0] ?? 0] ?? 0,
      maxPredicted: predicted[slice.at(-1) ?? 0] ?? 0,
      meanPredicted: sum / slice.length,
      shareObserved: hits / slice.length,
    });
  }
  return result;
}

/** Expected calibration error: the client-weighted mean gap between predicted and observed shares over the bins. */
export function expectedCalibrationError(bins: readonly ProbabilityBin[]): number | null {
  const clients = bins.reduce((n, b) => n + b.clients, 0);
  if (clients === 0) return null;
  return bins.reduce((s, b) => s + b.clients * Math.abs(b.meanPredicted - b.shareObserved), 0) / clients;
}

/**
 * The most of the `target` clients that flagging by `risk` (highest first, whole ties at a time) catches while its
 * precision stays at least `precision`: how many the rule finds at a flag's precision. 0 when it never gets there.
 */
export function truePositivesAtPrecision(risk: ArrayLike<number>, target: ArrayLike<boolean>, precision: number): number {
  const order = Array.from({ length: risk.length }, (_, i) => i).sort((i, j) => (risk[j] ?? 0) - (risk[i] ?? 0));
  let flagged = 0;
  let caught = 0;
  let best = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    const value = risk[order[start] ?? 0] ?? 0;
    while (end < order.length && (risk[order[end] ?? 0] ?? 0) === value) {
      if (target[order[end] ?? 0]) caught++;
      end++;
    }
    flagged += end - start;
    if (caught >= precision * flagged) best = caught;
    start = end;
  }
  return best;
}

/** Precision of flagging the `count` clients ranked by `risk` (highest first) after the first `skip`: a band of a ranking. */
export function precisionInBand(risk: ArrayLike<number>, target: ArrayLike<boolean>, skip: number, count: number): number | null {
  if (count <= 0) return null;
  const order = Array.from({ length: risk.length }, (_, i) => i).sort((i, j) => (risk[j] ?? 0) - (risk[i] ?? 0));
  const band = order.slice(skip, skip + count);
  return band.length === 0 ? null : band.filter((i) => target[i]).length / band.length;
}
