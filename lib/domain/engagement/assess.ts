// Everything Rekindle stores about one client's engagement as of a date: score, reasons and forecast.
import type { BgNbdParams } from "./bgnbd";
import type { HazardCalibration } from "./calibration";
import { type EngagementDriver, explainEngagement, nextOrderDueMs } from "./drivers";
import { type ForecastOptions, forecastNextOrder } from "./forecast";
import type { ClientHistory } from "./history";
import type { DropoutModelFit } from "./mbgnbd";
import { type EngagementComponents, type EngagementFacts, type EngagementTier, type ScoreWeights, scoreEngagement } from "./score";
import { DEFAULT_ENGAGEMENT_SETTINGS, type EngagementSettings } from "./settings";

/**
 * What a full run fits and stores: the drop-out model, the score weights learned on the shop's history (null: the
 * admin's weights apply) and the recalibration of P(order) learned with them (null: the model's own).
 */
export interface EngagementModel {
  fit: DropoutModelFit;
  weights: ScoreWeights | null;
  calibration: HazardCalibration | null;
}

/** A model of BG/NBD parameters alone, as stored before MBG/NBD: forecasts only, the admin's weights. */
export const bgNbdOnly = (params: BgNbdParams): EngagementModel => ({ fit: { model: "bgnbd", params }, weights: null, calibration: null });

export interface EngagementAssessment {
  score: number;
  tier: EngagementTier;
  components: EngagementComponents;
  /**
   * How much each part counted in this score (shares summing to 1; zero for a part that could not be measured): the
   * learned weights or the admin's, so a page can say why a full Value bar moves a low score little.
   */
  weights: ScoreWeights;
  /** The figures the components and drivers were computed from (the client page quotes them). */
  facts: EngagementFacts;
  drivers: EngagementDriver[];
  /** Null without a fitted model, or for a client who never ordered. */
  pAlive: number | null;
  expectedOrders90d: number | null;
  /** P(at least one order in the next 90 days); null as P(alive) is. */
  pOrder90d: number | null;
  /** When the next order is due by the client's rhythm (see nextOrderDueMs); null for a client who never ordered. */
  nextOrderExpectedAt: Date | null;
}

interface AssessEngagementInput {
  history: ClientHistory;
  asOf: Date;
  settings?: EngagementSettings;
  /** The fitted model; without it the score is computed without P(alive), with the settings' weights. */
  model?: EngagementModel | null;
  /** False skips the drivers (a bulk run that does not store them); default true. */
  explain?: boolean;
  /** Shared by every assessment with the same model and as-of date (see ForecastOptions.memo). */
  forecastMemo?: ForecastOptions["memo"];
}

/**
 * A history the series cannot evaluate under extreme parameters leaves this one client without a forecast,
 * rather than failing the rescoring of everyone else.
 */
function safeForecast(model: EngagementModel, history: ClientHistory, asOf: Date, memo: ForecastOptions["memo"]) {
  try {
    // No horizon: the model's own date of a next order is not used (the next order is due by the client's rhythm,
    // see nextOrderDueMs), and a full run skips its search too, so both paths do the same arithmetic.
    return forecastNextOrder(model.fit, history, asOf, { memo, calibration: model.calibration, horizonDays: 0 });
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}

/** Forecast first, because the score weighs its outlook (and P(alive) can cap the tier); then the score and the drivers that explain it. */
export function assessEngagement(input: AssessEngagementInput): EngagementAssessment {
  const settings = input.settings ?? DEFAULT_ENGAGEMENT_SETTINGS;
  const model = input.model ?? null;
  const forecast = model ? safeForecast(model, input.history, input.asOf, input.forecastMemo) : null;
  const result = scoreEngagement({
    history: input.history,
    asOf: input.asOf,
    settings,
    pAlive: forecast?.pAlive ?? null,
    pOrder90d: forecast?.pOrder90d ?? null,
    learnedWeights: forecast ? (model?.weights ?? null) : null,
  });
  return {
    score: result.score,
    tier: result.tier,
    components: result.components,
    weights: result.effectiveWeights,
    facts: result.facts,
    drivers: input.explain === false ? [] : explainEngagement(result, { settings }),
    pAlive: forecast?.pAlive ?? null,
    expectedOrders90d: forecast?.expectedOrdersNext90Days ?? null,
    pOrder90d: forecast?.pOrder90d ?? null,
    nextOrderExpectedAt: input.history.lastOrderAt ? new Date(nextOrderDueMs(input.history.lastOrderAt.getTime(), result.facts.typicalIntervalDays)) : null,
  };
}
