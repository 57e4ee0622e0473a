// Per-client BG/NBD forecasts in days, for the score and the client page.
import { type BgNbdCustomer, type BgNbdParams, conditionalExpectationGivenAlive, pAlive } from "./bgnbd";
import { bgNbdInputKey } from "./distinct-inputs";
import { type ClientHistory, DAY_MS, toBgNbdInput } from "./history";

export interface ClientForecast {
  pAlive: number;
  expectedOrdersNext90Days: number;
  /** Whole days until one more order is expected, or null if that does not happen within the horizon. */
  expectedDaysUntilNextOrder: number | null;
  expectedNextOrderAt: Date | null;
}

export interface ForecastOptions {
  horizonDays?: number;
  /**
   * Forecasts already made with the same parameters, as-of date and horizon, by input (bgNbdInputKey): a full
   * rescoring meets each distinct history many times, and a forecast costs a handful of series evaluations.
   */
  memo?: Map<number, ClientForecast | null>;
}

const DAYS_PER_WEEK = 7;

const DEFAULT_HORIZON_DAYS = 365;
const FORECAST_DAYS = 90;

type ExpectedWithin = (days: number) => number;
const expectedOrdersWithin = (params: BgNbdParams, customer: BgNbdCustomer, alive: number): ExpectedWithin => (days) =>
  conditionalExpectationGivenAlive(params, days / DAYS_PER_WEEK, customer, alive);

/**
 * First whole day d with E[Y(d) | history] ≥ 1: the expected count includes the chance the client has left,
 * so a likely-lapsed client gets null rather than a date.
 */
export function expectedDaysUntilNextOrder(
  params: BgNbdParams,
  customer: BgNbdCustomer,
  horizonDays = DEFAULT_HORIZON_DAYS,
  known: { days: number; expected: number }[] = [],
): number | null {
  return firstDayReachingOne(expectedOrdersWithin(params, customer, pAlive(params, customer)), horizonDays, known);
}

function firstDayReachingOne(expectedWithin: ExpectedWithin, horizonDays: number, known: { days: number; expected: number }[]): number | null {
  const horizon = Math.floor(horizonDays);
  const atHorizon = horizon >= 1 ? (known.find((k) => k.days === horizon)?.expected ?? expectedWithin(horizon)) : 0;
  if (atHorizon < 1) return null;
  // E[Y(t)] rises with t: keep E(low) < 1 ≤ E(high) and narrow in on whole days. Each E costs a series, so
  // guess where the chord between the ends crosses 1 (nearly linear over weeks), and halve when a guess
  // moves the same end twice running, which bounds the steps by bisection's. Plain numbers, no objects: a full
  // run makes hundreds of thousands of these.
  let lowDays = 0;
  let lowExpected = 0;
  let highDays = horizon;
  let highExpected = atHorizon;
  for (const k of known) {
    if (k.days > lowDays && k.days < highDays) {
      if (k.expected < 1) {
        lowDays = k.days;
        lowExpected = k.expected;
      } else {
        highDays = k.days;
        highExpected = k.expected;
      }
    }
  }
  let lastMovedHigh: boolean | null = null;
  let sameEndTwice = false;
  while (highDays - lowDays > 1) {
    const chord = lowDays + Math.ceil(((1 - lowExpected) * (highDays - lowDays)) / (highExpected - lowExpected));
    const halfway = Math.floor((lowDays + highDays) / 2);
    const days = Math.min(highDays - 1, Math.max(lowDays + 1, sameEndTwice ? halfway : chord));
    const expected = expectedWithin(days);
    const movedHigh = expected >= 1;
    if (movedHigh) {
      highDays = days;
      highExpected = expected;
    } else {
      lowDays = days;
      lowExpected = expected;
    }
    sameEndTwice = movedHigh === lastMovedHigh;
    lastMovedHigh = movedHigh;
  }
  return highDays;
}

/** Null for a client who never ordered: the model has nothing to condition on. */
export function forecastNextOrder(
  params: BgNbdParams,
  history: ClientHistory,
  asOf: Date,
  options: ForecastOptions = {},
): ClientForecast | null {
  const customer = toBgNbdInput(history, asOf);
  if (!customer) return null;
  if (!options.memo) return forecastFor(params, customer, asOf, options.horizonDays);
  const key = bgNbdInputKey(customer);
  const known = options.memo.get(key);
  if (known !== undefined) return known;
  const forecast = forecastFor(params, customer, asOf, options.horizonDays);
  options.memo.set(key, forecast);
  return forecast;
}

/** The forecast for one BG/NBD input as of a date. */
export function forecastFor(params: BgNbdParams, customer: BgNbdCustomer, asOf: Date, horizonDays = DEFAULT_HORIZON_DAYS): ClientForecast {
  const alive = pAlive(params, customer);
  const expectedWithin = expectedOrdersWithin(params, customer, alive);
  const next90 = expectedWithin(FORECAST_DAYS);
  const days = firstDayReachingOne(expectedWithin, horizonDays, [{ days: FORECAST_DAYS, expected: next90 }]);
  return {
    pAlive: alive,
    expectedOrdersNext90Days: next90,
    expectedDaysUntilNextOrder: days,
    expectedNextOrderAt: days === null ? null : new Date(asOf.getTime() + days * DAY_MS),
  };
}
