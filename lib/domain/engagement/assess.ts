// Everything Rekindle stores about one client's engagement as of a date: score, reasons and forecast.
import type { BgNbdParams } from "./bgnbd";
import { type EngagementDriver, explainEngagement } from "./drivers";
import { type ForecastOptions, forecastNextOrder } from "./forecast";
import type { ClientHistory } from "./history";
import { type EngagementComponents, type EngagementTier, scoreEngagement } from "./score";
import { DEFAULT_ENGAGEMENT_SETTINGS, type EngagementSettings } from "./settings";

export interface EngagementAssessment {
  score: number;
  tier: EngagementTier;
  components: EngagementComponents;
  drivers: EngagementDriver[];
  /** Null without a fitted model, or for a client who never ordered. */
  pAlive: number | null;
  expectedOrders90d: number | null;
  nextOrderExpectedAt: Date | null;
}

export interface AssessEngagementInput {
  history: ClientHistory;
  asOf: Date;
  settings?: EngagementSettings;
  /** The fitted BG/NBD parameters; without them the score is computed without P(alive). */
  params?: BgNbdParams | null;
  /** False skips the drivers (a bulk run that does not store them); default true. */
  explain?: boolean;
  /** Shared by every assessment with the same parameters and as-of date (see ForecastOptions.memo). */
  forecastMemo?: ForecastOptions["memo"];
}

/**
 * A history the series cannot evaluate under extreme parameters leaves this one client without a forecast,
 * rather than failing the rescoring of everyone else.
 */
function safeForecast(params: BgNbdParams, history: ClientHistory, asOf: Date, memo: ForecastOptions["memo"]) {
  try {
    return forecastNextOrder(params, history, asOf, { memo });
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}

/** Forecast first, because P(alive) can cap the tier; then the score and the drivers that explain it. */
export function assessEngagement(input: AssessEngagementInput): EngagementAssessment {
  const settings = input.settings ?? DEFAULT_ENGAGEMENT_SETTINGS;
  const forecast = input.params ? safeForecast(input.params, input.history, input.asOf, input.forecastMemo) : null;
  const result = scoreEngagement({ history: input.history, asOf: input.asOf, settings, pAlive: forecast?.pAlive ?? null });
  return {
    score: result.score,
    tier: result.tier,
    components: result.components,
    drivers: input.explain === false ? [] : explainEngagement(result, { settings }),
    pAlive: forecast?.pAlive ?? null,
    expectedOrders90d: forecast?.expectedOrdersNext90Days ?? null,
    nextOrderExpectedAt: forecast?.expectedNextOrderAt ?? null,
  };
}
