// Clients grouped by their BG/NBD input: the fit and the forecasts work once per distinct history, not per client.
import type { BgNbdCustomer, FrequencyGroup, GroupedHistories, WeightedBgNbdCustomer } from "./bgnbd-likelihood";
import { allPositions, stableSortBy } from "./counting-sort";
import { type ClientHistory, wholeDayBgNbdInput } from "./history";

const DAYS_PER_WEEK = 7;
// Whole days below 2^20 (2,870 years) and x below 2^13 pack exactly into one double.
const DAY_LIMIT = 2 ** 20;
const X_LIMIT = 2 ** 13;

/**
 * One number for a BG/NBD input counted in whole days, equal for equal inputs and ordered by x, then t_x, then T.
 * A million clients hash, sort and search numbers many times faster than strings or objects.
 */
export function bgNbdInputKey(input: BgNbdCustomer): number {
  const txDays = Math.round(input.tx * DAYS_PER_WEEK);
  const tDays = Math.round(input.T * DAYS_PER_WEEK);
  const key = packedKey(input.x, txDays, tDays);
  if (Number.isNaN(key)) throw new RangeError(`BG/NBD input beyond ${X_LIMIT} order days or ${DAY_LIMIT} days: x ${input.x}, t_x ${txDays} days, T ${tDays} days`);
  return key;
}

/** NaN beyond the packing limits. */
function packedKey(x: number, txDays: number, tDays: number): number {
  return x < X_LIMIT && txDays < DAY_LIMIT && tDays < DAY_LIMIT ? (x * DAY_LIMIT + txDays) * DAY_LIMIT + tDays : Number.NaN;
}

type KeyParts = { x: number; txDays: number; tDays: number };
type KeyColumns = { x: Int32Array; txDays: Int32Array; tDays: Int32Array };
const keyColumns = (length: number): KeyColumns => ({ x: new Int32Array(length), txDays: new Int32Array(length), tDays: new Int32Array(length) });
const scratchParts: KeyParts = { x: 0, txDays: 0, tDays: 0 };

/** packedKey undone, into `out` (by default one shared object, read before the next call). */
function unpackKey(key: number, out: KeyParts = scratchParts): KeyParts {
  out.tDays = key % DAY_LIMIT;
  const rest = (key - out.tDays) / DAY_LIMIT;
  out.txDays = rest % DAY_LIMIT;
  out.x = (rest - out.txDays) / DAY_LIMIT;
  return out;
}

/** The input a key stands for, in weeks. */
export function bgNbdInputOfKey(key: number): BgNbdCustomer {
  const { x, txDays, tDays } = unpackKey(key);
  return { x, tx: txDays / DAYS_PER_WEEK, T: tDays / DAYS_PER_WEEK };
}

/** A client's key as of `asOf`, or NaN for a client who never ordered (the model starts at the first order). */
export function bgNbdKeyOf(history: ClientHistory, asOf: Date): number {
  const { firstOrderAt, lastOrderAt } = history;
  if (!firstOrderAt || !lastOrderAt || history.orderCount === 0) return Number.NaN;
  return bgNbdKeyOfFigures(history.orderDayCount, firstOrderAt.getTime(), lastOrderAt.getTime(), asOf.getTime());
}

const scratchDays = { x: 0, txDays: 0, tDays: 0 };

/**
 * bgNbdKeyOf for a history given as numbers (a client with orders). NaN too for a history beyond what a key holds
 * (8,192 order days or more): that client is left out of the model and scored without P(alive), rather than failing
 * everyone's rescoring.
 */
export function bgNbdKeyOfFigures(orderDayCount: number, firstOrderMs: number, lastOrderMs: number, asOfMs: number): number {
  wholeDayBgNbdInput(orderDayCount, firstOrderMs, lastOrderMs, asOfMs, scratchDays);
  return packedKey(scratchDays.x, scratchDays.txDays, scratchDays.tDays);
}

/**
 * Every distinct key among many clients' keys (NaN ones left out), in order, with how many clients share each, and
 * where each client's key went.
 */
export class DistinctBgNbdInputs {
  readonly keys: Float64Array;
  readonly counts: Int32Array;
  /** For each key given, the position of its distinct key in `keys`; −1 for NaN. */
  readonly indexOfInput: Int32Array;
  /** Each distinct key's parts (t_x and T in whole days), so nothing needs to take keys apart again. */
  readonly parts: KeyColumns;

  /** One key per client, or, with `weights`, keys each standing for that many clients (equal keys are merged). */
  constructor(inputKeys: Float64Array, weights?: ArrayLike<number>) {
    const inputParts = keyColumns(inputKeys.length);
    const order = keyOrder(inputKeys, inputParts);
    const keys = new Float64Array(order.length);
    const counts = new Int32Array(order.length);
    const parts = keyColumns(order.length);
    const indexOfInput = new Int32Array(inputKeys.length).fill(-1);
    let distinct = 0;
    let previous = Number.NaN;
    for (let i = 0; i < order.length; i++) {
      const input = order[i] ?? 0;
      const key = inputKeys[input] ?? Number.NaN;
      if (key !== previous) {
        keys[distinct] = key;
        parts.x[distinct] = inputParts.x[input] ?? 0;
        parts.txDays[distinct] = inputParts.txDays[input] ?? 0;
        parts.tDays[distinct] = inputParts.tDays[input] ?? 0;
        distinct++;
        previous = key;
      }
      counts[distinct - 1] = (counts[distinct - 1] ?? 0) + (weights ? (weights[input] ?? 0) : 1);
      indexOfInput[input] = distinct - 1;
    }
    this.keys = keys.slice(0, distinct);
    this.counts = counts.slice(0, distinct);
    this.parts = { x: parts.x.slice(0, distinct), txDays: parts.txDays.slice(0, distinct), tDays: parts.tDays.slice(0, distinct) };
    this.indexOfInput = indexOfInput;
  }

  get size(): number {
    return this.keys.length;
  }

  /** Inputs already counted (e.g. by a GROUP BY). */
  static ofWeighted(inputs: readonly WeightedBgNbdCustomer[]): DistinctBgNbdInputs {
    return new DistinctBgNbdInputs(Float64Array.from(inputs, bgNbdInputKey), Float64Array.from(inputs, (input) => input.count ?? 1));
  }

  /**
   * The same clients with t_x and T rounded to whole multiples of `days` (T up, so it stays positive; t_x to the
   * nearest, at most T): far fewer distinct histories, on which a fit costs a fraction and lands close to
   * the exact fit's optimum (see fitBgNbdFromCoarse).
   */
  coarsened(days: number): DistinctBgNbdInputs {
    const { x, txDays, tDays } = this.parts;
    const coarse = new Float64Array(this.size);
    for (let i = 0; i < coarse.length; i++) {
      const roughT = Math.ceil((tDays[i] ?? 0) / days) * days;
      coarse[i] = packedKey(x[i] ?? 0, x[i] === 0 ? 0 : Math.min(roughT, Math.round((txDays[i] ?? 0) / days) * days), roughT);
    }
    return new DistinctBgNbdInputs(coarse, this.counts);
  }

  /**
   * Which (x, T) each distinct input has, numbered 0…pairs−1: a forecast's costliest parts depend on x and T alone,
   * and a tenth as many pairs as inputs is typical.
   */
  frequencyAgePairs(): { pairOf: Int32Array; pairs: number } {
    const { x, tDays } = this.parts;
    const order = stableSortBy(stableSortBy(allPositions(this.size), tDays), x);
    const pairOf = new Int32Array(this.size);
    let pairs = 0;
    for (let k = 0; k < order.length; k++) {
      const i = order[k] ?? 0;
      const previous = order[k - 1] ?? -1;
      if (k === 0 || x[i] !== x[previous] || tDays[i] !== tDays[previous]) pairs++;
      pairOf[i] = pairs - 1;
    }
    return { pairOf, pairs };
  }

  input(index: number): BgNbdCustomer {
    return this.inputInto(index, { x: 0, tx: 0, T: 0 });
  }

  /** The input at `index`, in weeks, written into `out`: a full run reads hundreds of thousands into one object. */
  inputInto(index: number, out: BgNbdCustomer): BgNbdCustomer {
    out.x = this.parts.x[index] ?? 0;
    out.tx = (this.parts.txDays[index] ?? 0) / DAYS_PER_WEEK;
    out.T = (this.parts.tDays[index] ?? 0) / DAYS_PER_WEEK;
    return out;
  }

  /**
   * Grouped as the likelihood takes them (see groupHistories), straight from the sorted keys: x groups are runs of
   * keys, and the distinct times are whole days. A million clients' inputs group in milliseconds this way.
   */
  grouped(): GroupedHistories {
    const n = this.size;
    const { x: xs, txDays, tDays } = this.parts;
    let maxDay = 0;
    for (let i = 0; i < n; i++) maxDay = Math.max(maxDay, tDays[i] ?? 0);
    // Each day that occurs as a t_x or a T gets one slot in `times`.
    const slotOfDay = new Int32Array(maxDay + 1).fill(-1);
    const days: number[] = [];
    const slot = (day: number) => {
      const known = slotOfDay[day] ?? -1;
      if (known >= 0) return known;
      slotOfDay[day] = days.length;
      return days.push(day) - 1;
    };
    const txIndex = new Int32Array(n);
    const tIndex = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      txIndex[i] = slot(txDays[i] ?? 0);
      tIndex[i] = slot(tDays[i] ?? 0);
    }
    const counts = Float64Array.from(this.counts);
    const groups: FrequencyGroup[] = [];
    for (let start = 0; start < n; ) {
      const x = xs[start] ?? 0;
      let end = start;
      let customerCount = 0;
      while (end < n && xs[end] === x) customerCount += this.counts[end++] ?? 0;
      groups.push({ x, customerCount, txIndex: txIndex.subarray(start, end), tIndex: tIndex.subarray(start, end), counts: counts.subarray(start, end) });
      start = end;
    }
    const customerCount = groups.reduce((sum, g) => sum + g.customerCount, 0);
    return { groups, times: Float64Array.from(days, (day) => day / DAYS_PER_WEEK), distinctHistories: n, customerCount };
  }

  /** As the weighted fit takes them, in key order, so the fit's floating-point sums never depend on client order. */
  weighted(): WeightedBgNbdCustomer[] {
    return Array.from(this.keys, (_, i) => ({ ...this.input(i), count: this.counts[i] ?? 0 }));
  }
}

/**
 * The positions of the non-NaN keys, ordered by key (x, then t_x, then T) and, among equal keys, by position: three
 * stable counting sorts over the key's parts, least significant first. A million keys sort this way in a few
 * milliseconds, and the order says at once which client has which distinct key, where a sort of the keys alone
 * would leave a search per client.
 */
function keyOrder(keys: Float64Array, parts: KeyColumns): Int32Array {
  const present = new Int32Array(keys.length);
  let count = 0;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] ?? Number.NaN;
    if (Number.isNaN(key)) continue;
    const { x, txDays, tDays } = unpackKey(key);
    parts.x[i] = x;
    parts.txDays[i] = txDays;
    parts.tDays[i] = tDays;
    present[count++] = i;
  }
  const positions = present.subarray(0, count);
  return stableSortBy(stableSortBy(stableSortBy(positions, parts.tDays), parts.txDays), parts.x);
}


/** Clients with the same inputs grouped with a count, as the weighted fit takes them. */
export function groupBgNbdInputs(histories: Iterable<ClientHistory>, asOf: Date): WeightedBgNbdCustomer[] {
  const keys = Float64Array.from(histories, (history) => bgNbdKeyOf(history, asOf));
  return new DistinctBgNbdInputs(keys).weighted();
}
