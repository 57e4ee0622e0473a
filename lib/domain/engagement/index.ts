// Public API of the engagement domain: BG/NBD model, client history, score, settings and drivers.
export {
  type BgNbdCustomer,
  type BgNbdFit,
  type BgNbdParams,
  conditionalExpectedTransactions,
  expectedTransactions,
  type FitBgNbdOptions,
  fitBgNbd,
  fitBgNbdFromCoarse,
  type GroupedHistories,
  groupHistories,
  logLikelihood,
  pAlive,
  transactionCountProbability,
  type WeightedBgNbdCustomer,
} from "./bgnbd";
export { type EngagementDriver, type EngagementDriverKind, type ExplainOptions, explainEngagement, formatDollars } from "./drivers";
export { type ClientFigures, clientFigures, recentWindowText } from "./client-figures";
export { type ScorePoint, SCORE_OVER_TIME_WEEKS, scoreOverTime } from "./score-over-time";
export { type ClientForecast, expectedDaysUntilNextOrder, type ForecastOptions, forecastNextOrder } from "./forecast";
export {
  type ClientHistory,
  EMPTY_CLIENT_HISTORY,
  type EngagementOrder,
  type EngagementOrderStatus,
  RECENT_ORDER_WINDOW,
  summariseHistory,
  toBgNbdInput,
} from "./history";
export { bgNbdInputKey, bgNbdKeyOf, bgNbdKeyOfFigures, DistinctBgNbdInputs, groupBgNbdInputs } from "./distinct-inputs";
export { ForecastTable } from "./forecast-table";
export {
  type EngagementComponent,
  type EngagementComponents,
  type EngagementFacts,
  type EngagementScore,
  type EngagementTier,
  type HistoryFigures,
  historyFigures,
  roundedComponent,
  type ScoreEngagementInput,
  ScoreWorking,
  scoreEngagement,
  scoreFigures,
  tierForScore,
} from "./score";
export {
  DEFAULT_ENGAGEMENT_SETTINGS,
  type EngagementSettings,
  type EngagementWeights,
  engagementSettingsSchema,
  normaliseWeights,
  parseEngagementSettings,
  type TierThresholds,
} from "./settings";
export { type EngagementAssessment, assessEngagement, type AssessEngagementInput } from "./assess";
export { type CurrentEngagement, currentEngagementOf, listRounding, sameCurrentEngagement } from "./current-engagement";
export { type BacktestClient, type BacktestMetrics, type CalibrationBin, evaluateBacktest, isFlagged, type TierOutcome } from "./backtest";
