// Forecasts for the distinct histories of a full rescoring, computed once each and kept in typed arrays.
import type { BgNbdParams } from "./bgnbd";
import type { DistinctBgNbdInputs } from "./distinct-inputs";
import { type ClientForecast, forecastFor } from "./forecast";

/**
 * A million clients share a few hundred thousand distinct histories. Numbers in typed arrays, rather than a map of
 * forecast objects, keep the garbage collector out of the way while every client is scored.
 */
export class ForecastTable {
  private readonly pAlive: Float64Array;
  private readonly expected90: Float64Array;
  /** Days until the next order; NaN for none within the horizon. */
  private readonly nextDays: Float64Array;
  /** Whether each input's forecast is made yet: made on first use, while the scores already made are being written. */
  private readonly made: Uint8Array;

  constructor(
    private readonly params: BgNbdParams,
    readonly inputs: DistinctBgNbdInputs,
    private readonly asOf: Date,
  ) {
    const n = inputs.size;
    this.pAlive = new Float64Array(n);
    this.expected90 = new Float64Array(n);
    this.nextDays = new Float64Array(n);
    this.made = new Uint8Array(n);
  }

  /**
   * Where the forecast for the input at `index` (see DistinctBgNbdInputs.indexOfInput) sits, made now if it is not
   * yet; −1 for a client who never ordered (index −1) or whose forecast the series could not evaluate. The numbers at
   * a slot are read with the methods below, without an object per client.
   */
  slotAt(index: number): number {
    if (index < 0 || index >= this.made.length) return -1;
    if (!this.made[index]) this.make(index);
    return Number.isNaN(this.pAlive[index]) ? -1 : index;
  }

  pAliveAt(slot: number): number {
    return this.pAlive[slot] ?? Number.NaN;
  }

  expectedOrders90At(slot: number): number {
    return this.expected90[slot] ?? Number.NaN;
  }

  /** Whole days until the next order is expected; NaN for none within the horizon. */
  daysUntilNextOrderAt(slot: number): number {
    return this.nextDays[slot] ?? Number.NaN;
  }

  private make(i: number) {
    const forecast = safeForecast(this.params, this.inputs, i, this.asOf);
    // NaN P(alive) marks a history the series could not evaluate: that client goes without a forecast.
    this.pAlive[i] = forecast?.pAlive ?? Number.NaN;
    this.expected90[i] = forecast?.expectedOrdersNext90Days ?? Number.NaN;
    this.nextDays[i] = forecast?.expectedDaysUntilNextOrder ?? Number.NaN;
    this.made[i] = 1;
  }
}

/** Extreme parameters can defeat the series for one history; that client then goes without a forecast, not the run. */
function safeForecast(params: BgNbdParams, inputs: DistinctBgNbdInputs, index: number, asOf: Date): ClientForecast | null {
  try {
    return forecastFor(params, inputs.input(index), asOf);
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}
