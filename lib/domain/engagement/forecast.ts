// Per-client BG/NBD forecasts in days, for the score and the client page.
import { type BgNbdCustomer, type BgNbdParams, conditionalExpectedTransactions, pAlive } from "./bgnbd";
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
}

const DAYS_PER_WEEK = 7;
const DEFAULT_HORIZON_DAYS = 365;

const expectedOrdersWithinDays = (params: BgNbdParams, customer: BgNbdCustomer, days: number) =>
  conditionalExpectedTransactions(params, days / DAYS_PER_WEEK, customer);

/**
 * First whole day d with E[Y(d) | history] ≥ 1: the expected count includes the chance the client has left,
 * so a likely-lapsed client gets null rather than a date.
 */
export function expectedDaysUntilNextOrder(
  params: BgNbdParams,
  customer: BgNbdCustomer,
  horizonDays = DEFAULT_HORIZON_DAYS,
): number | null {
  const horizon = Math.floor(horizonDays);
  if (horizon < 1 || expectedOrdersWithinDays(params, customer, horizon) < 1) return null;
  // E[Y(t)] increases with t, so bisect on whole days.
  let low = 0;
  let high = horizon;
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (expectedOrdersWithinDays(params, customer, mid) >= 1) high = mid;
    else low = mid;
  }
  return high;
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
  const days = expectedDaysUntilNextOrder(params, customer, options.horizonDays ?? DEFAULT_HORIZON_DAYS);
  return {
    pAlive: pAlive(params, customer),
    expectedOrdersNext90Days: expectedOrdersWithinDays(params, customer, 90),
    expectedDaysUntilNextOrder: days,
    expectedNextOrderAt: days === null ? null : new Date(asOf.getTime() + days * DAY_MS),
  };
}
