// Public API of the engagement domain: BG/NBD model, client history, score, settings and drivers.
export {
  type BgNbdCustomer,
  type BgNbdFit,
  type BgNbdParams,
  type DropoutModel,
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
export { type EngagementDriver, type EngagementDriverKind, type ExplainOptions, explainEngagement, formatDollars, keptItemsText, recentWindowText } from "./drivers";
export { type ClientFigures, type ClientPicture, clientPicture, type NextOrder, nextOrderBasisText } from "./client-figures";
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
export { MODEL_FIT_SAMPLE } from "./fit-sample";
export { MODEL_REUSE_DAYS, mayReuseModelFit } from "./model-reuse";
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
  type ScoreWeights,
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
export { type EngagementAssessment, assessEngagement, type AssessEngagementInput, bgNbdOnly, type EngagementModel } from "./assess";
export { type DropoutModelFit, modelPAlive, probabilityOfPurchaseWithin } from "./mbgnbd";
export { type HazardCalibration } from "./calibration";
export { type LearnedScoreWeights, learnScoreWeights } from "./learn-weights";
export { chanceWord, orderChanceText } from "./chance-words";
export { type CurrentEngagement, currentEngagementOf, keepsScore, listRounding, sameCurrentEngagement } from "./current-engagement";
export { type CheckedClient, checkModel, type FlagComparison, type ModelCheckReport, type ModelCheckVerdict, TIER_ORDER, type TierReorders, verdictOf } from "./model-check";
export { type ProbabilityBin } from "./ranking-metrics";
export { type TrackingWeek } from "./tracking";
