// Public API of the engagement domain: BG/NBD model, client history, score, settings and drivers.
export {
  type BgNbdFit,
  type BgNbdParams,
  type DropoutModel,
  fitBgNbd,
  fitBgNbdFromCoarse,
  type WeightedBgNbdCustomer,
} from "./bgnbd";
export { type EngagementDriver, formatDollars, keptItemsText, recentWindowText } from "./drivers";
export { type ClientFigures, type ClientPicture, clientPicture, nextOrderBasisText } from "./client-figures";
export { type ScorePoint } from "./score-over-time";
export {
  type ClientHistory,
  EMPTY_CLIENT_HISTORY,
  type EngagementOrder,
  RECENT_ORDER_WINDOW,
  summariseHistory,
} from "./history";
export { bgNbdKeyOfFigures, DistinctBgNbdInputs, groupBgNbdInputs } from "./distinct-inputs";
export { ForecastTable } from "./forecast-table";
export { MODEL_FIT_SAMPLE } from "./fit-sample";
export { mayReuseModelFit } from "./model-reuse";
export {
  type EngagementComponents,
  type EngagementTier,
  type HistoryFigures,
  historyFigures,
  roundedComponent,
  type ScoreWeights,
  ScoreWorking,
  scoreFigures,
} from "./score";
export {
  DEFAULT_ENGAGEMENT_SETTINGS,
  type EngagementSettings,
  type TierThresholds,
} from "./settings";
export { type EngagementAssessment, assessEngagement, bgNbdOnly, type EngagementModel } from "./assess";
export { type HazardCalibration } from "./calibration";
export { chanceWord, orderChanceText } from "./chance-words";
export { type CurrentEngagement, currentEngagementOf, keepsScore, listRounding, sameCurrentEngagement } from "./current-engagement";
export { type FlagComparison, type ModelCheckReport } from "./model-check";
export { type ProbabilityBin } from "./ranking-metrics";
export { type TrackingWeek } from "./tracking";
