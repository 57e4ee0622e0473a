// Forecasts for the distinct histories of a full rescoring, computed once each and kept in typed arrays.
import type { BgNbdCustomer, BgNbdParams } from "./bgnbd";
import type { HazardCalibration } from "./calibration";
import { type DropoutModelFit, expectationParams, modelPAlive } from "./mbgnbd";
import type { DistinctBgNbdInputs } from "./distinct-inputs";
import { type ExpectedIfAlive, expectedIfAlive, expectedOrders90, NOTHING_EXPECTED, orderChance90 } from "./forecast";

/**
 * A million clients share a few hundred thousand distinct histories. Numbers in typed arrays, rather than a map of
 * forecast objects, keep the garbage collector out of the way while every client is scored.
 */
export class ForecastTable {
  private readonly pAlive: Float64Array;
  private readonly expected90: Float64Array;
  private readonly pOrder90: Float64Array;
  /** Whether each input's forecast is made yet: made on first use, while the scores already made are being written. */
  private readonly made: Uint8Array;
  /** Each input's (x, T) pair, and per pair what the forecasts of its inputs share (made on first use). */
  private readonly pairOf: Int32Array;
  private readonly ifAlive: (ExpectedIfAlive | undefined)[];
  // Reused for every forecast: a run makes hundreds of thousands.
  private readonly customer: BgNbdCustomer = { x: 0, tx: 0, T: 0 };

  /** The parameters the expectation formulas take (see expectationParams). */
  private readonly params: BgNbdParams;

  constructor(
    private readonly fit: DropoutModelFit,
    readonly inputs: DistinctBgNbdInputs,
    private readonly calibration: HazardCalibration | null = null,
  ) {
    const n = inputs.size;
    this.params = expectationParams(fit);
    this.pAlive = new Float64Array(n);
    this.expected90 = new Float64Array(n);
    this.pOrder90 = new Float64Array(n);
    this.made = new Uint8Array(n);
    const { pairOf, pairs } = inputs.frequencyAgePairs();
    this.pairOf = pairOf;
    this.ifAlive = new Array(pairs);
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

  /** P(at least one order in the next 90 days), recalibrated when the table has a calibration. */
  pOrder90At(slot: number): number {
    return this.pOrder90[slot] ?? Number.NaN;
  }

  // No date of the next order: the lists store the one the client's rhythm gives (nextOrderDueMs), and finding the
  // model's would cost a few series per history.
  private make(i: number) {
    const customer = this.inputs.inputInto(i, this.customer);
    const pair = this.pairOf[i] ?? 0;
    try {
      const alive = modelPAlive(this.fit, customer);
      let shared = alive === 0 ? NOTHING_EXPECTED : this.ifAlive[pair];
      // Only the 90 days are read here (a horizon of 0 sums no series for it).
      if (!shared) this.ifAlive[pair] = shared = expectedIfAlive(this.params, customer, 0);
      this.pAlive[i] = alive;
      this.expected90[i] = expectedOrders90(alive, shared);
      this.pOrder90[i] = orderChance90(this.fit.params, customer, alive, this.calibration);
    } catch (error) {
      // Extreme parameters can defeat the series for one history: NaN P(alive) leaves that client without a forecast, not the run.
      if (!(error instanceof RangeError)) throw error;
      this.pAlive[i] = this.expected90[i] = this.pOrder90[i] = Number.NaN;
    }
    this.made[i] = 1;
  }
}
