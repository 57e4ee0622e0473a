// When a full run may score with a model fitted by an earlier run rather than fit and learn its own.
import { DAY_MS } from "./history";

/**
 * How long a fitted model (its parameters, learned weights and calibration) serves the runs after it. Refitting
 * daily moves a sample fit by its noise alone, while fitting and learning cost a full run as much as a third of its
 * order reads: runs within a week of a fit reuse it, and the scores stay comparable from day to day meanwhile.
 */
export const MODEL_REUSE_DAYS = 7;

/** A stored fit's dates: `asOf`, the date whose orders it was fitted on; `fittedAt`, when. */
export type FitDates = { asOf: Date; fittedAt: Date };

/**
 * What happened since a fit that makes it stale: the engagement settings saved (the learned weights were learned
 * under the old ones) or an import finished (the shop's history may have changed in bulk). Null: never.
 */
export type SinceFit = { settingsSavedAt: Date | null; importFinishedAt: Date | null };

/**
 * Whether a run as of `runAsOf` may reuse `fit`: fitted on orders up to a date no later than the run's (a run filling
 * in history never sees a later model), less than MODEL_REUSE_DAYS before it, with neither the settings saved nor an
 * import finished since it was fitted.
 */
export function mayReuseModelFit(fit: FitDates, runAsOf: Date, since: SinceFit): boolean {
  const age = runAsOf.getTime() - fit.asOf.getTime();
  if (age < 0 || age >= MODEL_REUSE_DAYS * DAY_MS) return false;
  return !isAfter(since.settingsSavedAt, fit.fittedAt) && !isAfter(since.importFinishedAt, fit.fittedAt);
}

const isAfter = (moment: Date | null, reference: Date) => moment !== null && moment.getTime() > reference.getTime();
