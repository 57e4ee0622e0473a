// Per-client BG/NBD forecasts in days, for the score and the client page.
import { type BgNbdCustomer, type BgNbdParams, conditionalExpectationGivenAlive, pAlive } from "./bgnbd";
import { applyCalibration, type HazardCalibration } from "./calibration";
import { type DropoutModelFit, expectationParams, modelPAlive, probabilityOfPurchaseGivenAlive } from "./mbgnbd";
import { bgNbdInputKey } from "./distinct-inputs";
import { type ClientHistory, DAY_MS, toBgNbdInput } from "./history";

export interface ClientForecast {
  pAlive: number;
  expectedOrdersNext90Days: number;
  /** P(at least one order in the next 90 days), recalibrated when a calibration is given. */
  pOrder90d: number;
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
  /** The shop's recalibration of P(order) (see fitCalibration). */
  calibration?: HazardCalibration | null;
}

const DAYS_PER_WEEK = 7;

/** How far ahead the next order is looked for. */
export const DEFAULT_HORIZON_DAYS = 365;
const FORECAST_DAYS = 90;

/** P(at least one order in the next 90 days) for a client whose P(alive) is known, recalibrated if asked. */
export function orderChance90(params: BgNbdParams, customer: BgNbdCustomer, alive: number, calibration: HazardCalibration | null | undefined): number {
  const raw = probabilityOfPurchaseGivenAlive(params, FORECAST_DAYS / DAYS_PER_WEEK, customer, alive);
  return calibration ? applyCalibration(calibration, raw) : raw;
}

type ExpectedWithin = (days: number) => number;
const expectedOrdersWithin = (params: BgNbdParams, customer: BgNbdCustomer, alive: number): ExpectedWithin => (days) =>
  conditionalExpectationGivenAlive(params, days / DAYS_PER_WEEK, customer, alive);

/**
 * First whole day d with E[Y(d) | history] ≥ 1: the expected count includes the chance the client has left,
 * so a likely-lapsed client gets null rather than a date.
 */
export function expectedDaysUntilNextOrder(params: BgNbdParams, customer: BgNbdCustomer, horizonDays = DEFAULT_HORIZON_DAYS): number | null {
  const expectedWithin = expectedOrdersWithin(params, customer, pAlive(params, customer));
  const horizon = Math.floor(horizonDays);
  return firstDayReachingOne(expectedWithin, horizon, horizon >= 1 ? expectedWithin(horizon) : 0, Number.NaN, Number.NaN);
}

/**
 * The search behind expectedDaysUntilNextOrder, given E at the horizon and optionally at one more day (NaN for
 * none), which a forecast has already computed.
 */
function firstDayReachingOne(expectedWithin: ExpectedWithin, horizon: number, atHorizon: number, knownDays: number, knownExpected: number): number | null {
  if (horizon < 1 || atHorizon < 1) return null;
  // E[Y(t)] rises with t: keep E(low) < 1 ≤ E(high) and narrow in on whole days. Each E costs a series, so
  // guess where the chord between the ends crosses 1 (nearly linear over weeks), and halve when a guess
  // moves the same end twice running, which bounds the steps by bisection's. Plain numbers, no objects: a full
  // run makes hundreds of thousands of these.
  let lowDays = 0;
  let lowExpected = 0;
  let highDays = horizon;
  let highExpected = atHorizon;
  if (knownDays > lowDays && knownDays < highDays) {
    if (knownExpected < 1) {
      lowDays = knownDays;
      lowExpected = knownExpected;
    } else {
      highDays = knownDays;
      highExpected = knownExpected;
    }
  }
  // The first guess bends the chord through E(0) = 0 as well: three points place the crossing within a day or two,
  // where a straight chord over months overshoots E's curve.
  let firstGuess = Number.isNaN(knownDays) ? Number.NaN : Math.ceil(crossingThroughOrigin(knownDays, knownExpected, horizon, atHorizon));
  let lastMovedHigh: boolean | null = null;
  let sameEndTwice = false;
  while (highDays - lowDays > 1) {
    const chord = lowDays + Math.ceil(((1 - lowExpected) * (highDays - lowDays)) / (highExpected - lowExpected));
    const halfway = Math.floor((lowDays + highDays) / 2);
    const guess = Number.isFinite(firstGuess) ? firstGuess : sameEndTwice ? halfway : chord;
    firstGuess = Number.NaN;
    const days = Math.min(highDays - 1, Math.max(lowDays + 1, guess));
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

/** Where E = 1 by inverse quadratic interpolation through (0, 0), (t1, e1) and (t2, e2); NaN when they coincide. */
function crossingThroughOrigin(t1: number, e1: number, t2: number, e2: number): number {
  return (t1 * (1 - e2)) / (e1 * (e1 - e2)) + (t2 * (1 - e1)) / (e2 * (e2 - e1));
}

/**
 * E[Y(t) | history] / P(alive) at 90 days and at the horizon: it depends on x and T alone, so a full run computes it
 * once for all the histories that share them (a tenth as many as there are distinct histories).
 */
export type ExpectedIfAlive = { in90Days: number; atHorizon: number };

/** For a client surely gone (P(alive) 0): nothing is expected of them, and no series need be summed. */
export const NOTHING_EXPECTED: ExpectedIfAlive = Object.freeze({ in90Days: 0, atHorizon: 0 });

export function expectedIfAlive(params: BgNbdParams, customer: BgNbdCustomer, horizonDays = DEFAULT_HORIZON_DAYS): ExpectedIfAlive {
  const ifAlive = expectedOrdersWithin(params, customer, 1);
  const horizon = Math.floor(horizonDays);
  return { in90Days: ifAlive(FORECAST_DAYS), atHorizon: horizon >= 1 ? ifAlive(horizon) : 0 };
}

/** E[orders in the next 90 days]: P(alive) times E / P(alive); conditionalExpectationGivenAlive's own shortcut, nothing of a client surely gone. */
export const expectedOrders90 = (alive: number, ifAlive: ExpectedIfAlive) => (alive === 0 ? 0 : ifAlive.in90Days * alive);

/** A forecast's numbers; `nextDays` is NaN when no next order is expected within the horizon. */
export type ForecastNumbers = { pAlive: number; expected90: number; nextDays: number };

/**
 * forecastFor's numbers, from the input's P(alive) and expectedIfAlive, into `out`. E[Y(t)] is P(alive) times
 * E[Y(t)] / P(alive), so these are the very numbers forecastFor computes.
 */
export function forecastNumbers(params: BgNbdParams, customer: BgNbdCustomer, alive: number, ifAlive: ExpectedIfAlive, horizonDays: number, out: ForecastNumbers): ForecastNumbers {
  const next90 = expectedOrders90(alive, ifAlive);
  const atHorizon = alive === 0 ? 0 : ifAlive.atHorizon * alive;
  const days = firstDayReachingOne(expectedOrdersWithin(params, customer, alive), Math.floor(horizonDays), atHorizon, FORECAST_DAYS, next90);
  out.pAlive = alive;
  out.expected90 = next90;
  out.nextDays = days ?? Number.NaN;
  return out;
}

/** Null for a client who never ordered: the model has nothing to condition on. */
export function forecastNextOrder(
  fit: DropoutModelFit,
  history: ClientHistory,
  asOf: Date,
  options: ForecastOptions = {},
): ClientForecast | null {
  const customer = toBgNbdInput(history, asOf);
  if (!customer) return null;
  if (!options.memo) return forecastFor(fit, customer, asOf, options.horizonDays, options.calibration);
  const key = bgNbdInputKey(customer);
  const known = options.memo.get(key);
  if (known !== undefined) return known;
  const forecast = forecastFor(fit, customer, asOf, options.horizonDays, options.calibration);
  options.memo.set(key, forecast);
  return forecast;
}

/** The forecast for one input as of a date, under either drop-out model (see expectationParams). */
export function forecastFor(fit: DropoutModelFit, customer: BgNbdCustomer, asOf: Date, horizonDays = DEFAULT_HORIZON_DAYS, calibration?: HazardCalibration | null): ClientForecast {
  const alive = modelPAlive(fit, customer);
  const params = expectationParams(fit);
  const ifAlive = alive === 0 ? NOTHING_EXPECTED : expectedIfAlive(params, customer, horizonDays);
  const { expected90, nextDays } = forecastNumbers(params, customer, alive, ifAlive, horizonDays, { pAlive: 0, expected90: 0, nextDays: 0 });
  const days = Number.isNaN(nextDays) ? null : nextDays;
  return {
    pAlive: alive,
    expectedOrdersNext90Days: expected90,
    pOrder90d: orderChance90(fit.params, customer, alive, calibration),
    expectedDaysUntilNextOrder: days,
    expectedNextOrderAt: days === null ? null : new Date(asOf.getTime() + days * DAY_MS),
  };
}
