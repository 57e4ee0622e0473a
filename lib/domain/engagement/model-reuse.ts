// When a full run may score with a model fitted by an earlier run rather than fit and learn its own.
import { DAY_MS } from "./history";

/**
 * How long a fitted model (its parameters, learned weights and calibration) serves the runs after it. Refitting
 * daily moves a sample fit by its noise alone, while fitting and learning cost a run at 100,000 clients about a third
 * of its order reads: the nightly runs within a week of a fit reuse it, and scores stay comparable meanwhile.
 */
export const MODEL_REUSE_DAYS = 7;

/**
 * A stored fit as the rule needs it: `asOf`, the date whose orders it was fitted on; `readFrom`, when the run that
 * fitted it began reading them (null: unknown); `learned`, whether that run learned the score's weights.
 */
type ReusableFit = { asOf: Date; readFrom: Date | null; learned: boolean };

/**
 * What happened since that makes a fit stale: the engagement settings saved (the weights were learned under the old
 * ones) or an import finished (the shop's history may have changed in bulk). Null: never.
 */
type SinceFit = { settingsSavedAt: Date | null; importFinishedAt: Date | null };

/**
 * Whether a run as of `runAsOf` may reuse `fit`: fitted on orders up to a date no later than the run's (a run filling
 * in history never sees a later model), less than MODEL_REUSE_DAYS before it, with learned weights (a shop too thin
 * to learn from, or a run whose learning failed, tries again the next night), and with neither the settings saved nor
 * an import finished since its run began reading.
 */
export function mayReuseModelFit(fit: ReusableFit, runAsOf: Date, since: SinceFit): boolean {
  const age = runAsOf.getTime() - fit.asOf.getTime();
  if (age < 0 || age >= MODEL_REUSE_DAYS * DAY_MS || !fit.learned || fit.readFrom === null) return false;
  return !isAfter(since.settingsSavedAt, fit.readFrom) && !isAfter(since.importFinishedAt, fit.readFrom);
}

const isAfter = (moment: Date | null, reference: Date) => moment !== null && moment.getTime() > reference.getTime();
