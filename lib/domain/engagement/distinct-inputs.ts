// Clients grouped by their BG/NBD input: the fit and the forecasts work once per distinct history, not per client.
import type { BgNbdCustomer, FrequencyGroup, GroupedHistories, WeightedBgNbdCustomer } from "./bgnbd-likelihood";
import { type ClientHistory, wholeDayBgNbdInput } from "./history";

const DAYS_PER_WEEK = 7;
// Whole days below 2^20 (2,870 years) and x below 2^13 pack exactly into one double.
const DAY_LIMIT = 2 ** 20;
const X_LIMIT = 2 ** 13;
// Up to 16 MB of prefix table; beyond that (absurd histories) lookups fall back to a binary search.
const MAX_PREFIX_SLOTS = 2 ** 22;

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

/** Every distinct key among many clients' keys (NaN ones left out), in order, with how many clients share each. */
export class DistinctBgNbdInputs {
  readonly keys: Float64Array;
  readonly counts: Int32Array;
  /**
   * Built on first lookup: where each (x, t_x) prefix starts among the sorted keys, so a lookup searches the few keys
   * sharing its prefix instead of binary-searching all of them (a million lookups, each a dozen cache misses).
   * Null when the prefixes are too many for a table; lookups then search everything.
   */
  private prefixStarts: Int32Array | null | undefined;
  private txSlots = 0;

  /** One key per client, or, with `weights`, keys each standing for that many clients (equal keys are merged). */
  constructor(clientKeys: Float64Array, weights?: ArrayLike<number>) {
    if (weights) {
      const total = new Map<number, number>();
      clientKeys.forEach((key, i) => {
        if (!Number.isNaN(key)) total.set(key, (total.get(key) ?? 0) + (weights[i] ?? 0));
      });
      this.keys = Float64Array.from(total.keys()).sort();
      this.counts = Int32Array.from(this.keys, (key) => total.get(key) ?? 0);
      return;
    }
    // A typed array sorts numerically and natively, NaN last.
    const sorted = Float64Array.from(clientKeys).sort();
    const keys: number[] = [];
    const counts: number[] = [];
    for (const key of sorted) {
      if (Number.isNaN(key)) break;
      if (keys.length > 0 && keys[keys.length - 1] === key) counts[counts.length - 1] = (counts[counts.length - 1] ?? 0) + 1;
      else {
        keys.push(key);
        counts.push(1);
      }
    }
    this.keys = Float64Array.from(keys);
    this.counts = Int32Array.from(counts);
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
    const coarse = this.keys.map((key) => {
      const { x, txDays, tDays } = unpackKey(key);
      const roughT = Math.ceil(tDays / days) * days;
      return packedKey(x, x === 0 ? 0 : Math.min(roughT, Math.round(txDays / days) * days), roughT);
    });
    return new DistinctBgNbdInputs(coarse, this.counts);
  }

  /** Position of `key` among the distinct keys, or −1 (also for NaN). */
  indexOf(key: number): number {
    if (this.prefixStarts === undefined) this.prefixStarts = this.buildPrefixStarts();
    if (!this.prefixStarts || !(key >= 0)) return this.search(key, 0, this.keys.length);
    const { x, txDays } = unpackKey(key);
    const slot = x * this.txSlots + txDays;
    if (slot + 1 >= this.prefixStarts.length) return -1;
    return this.search(key, this.prefixStarts[slot] ?? 0, this.prefixStarts[slot + 1] ?? 0);
  }

  /** Binary search for `key` among keys[from, to). */
  private search(key: number, from: number, to: number): number {
    let low = from;
    let high = to - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const found = this.keys[middle] ?? Number.NaN;
      if (found === key) return middle;
      if (found < key) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }

  private buildPrefixStarts(): Int32Array | null {
    const last = this.keys[this.keys.length - 1];
    if (last === undefined) return null;
    let maxTx = 0;
    for (const key of this.keys) maxTx = Math.max(maxTx, unpackKey(key).txDays);
    this.txSlots = maxTx + 1;
    const slots = (unpackKey(last).x + 1) * this.txSlots;
    if (slots > MAX_PREFIX_SLOTS) return null;
    // starts[s] = first key index whose prefix slot is ≥ s; the prefix's keys are [starts[s], starts[s + 1]).
    const starts = new Int32Array(slots + 1);
    let next = 0;
    this.keys.forEach((key, i) => {
      const { x, txDays } = unpackKey(key);
      const slot = x * this.txSlots + txDays;
      while (next <= slot) starts[next++] = i;
    });
    while (next <= slots) starts[next++] = this.keys.length;
    return starts;
  }

  input(index: number): BgNbdCustomer {
    return bgNbdInputOfKey(this.keys[index] ?? Number.NaN);
  }

  /**
   * Grouped as the likelihood takes them (see groupHistories), straight from the sorted keys: x groups are runs of
   * keys, and the distinct times are whole days. A million clients' inputs group in milliseconds this way.
   */
  grouped(): GroupedHistories {
    const n = this.keys.length;
    const xs = new Int32Array(n);
    const txDays = new Int32Array(n);
    const tDays = new Int32Array(n);
    let maxDay = 0;
    this.keys.forEach((key, i) => {
      const parts = unpackKey(key);
      xs[i] = parts.x;
      txDays[i] = parts.txDays;
      tDays[i] = parts.tDays;
      maxDay = Math.max(maxDay, parts.tDays);
    });
    // Each day that occurs as a t_x or a T gets one slot in `times`.
    const slotOfDay = new Int32Array(maxDay + 1).fill(-1);
    const days: number[] = [];
    const slot = (day: number) => {
      if ((slotOfDay[day] ?? -1) < 0) slotOfDay[day] = days.push(day) - 1;
      return slotOfDay[day] ?? 0;
    };
    const txIndex = Int32Array.from(txDays, slot);
    const tIndex = Int32Array.from(tDays, slot);
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
    return Array.from(this.keys, (key, i) => ({ ...bgNbdInputOfKey(key), count: this.counts[i] ?? 0 }));
  }
}

/** Clients with the same inputs grouped with a count, as the weighted fit takes them. */
export function groupBgNbdInputs(histories: Iterable<ClientHistory>, asOf: Date): WeightedBgNbdCustomer[] {
  const keys = Float64Array.from(histories, (history) => bgNbdKeyOf(history, asOf));
  return new DistinctBgNbdInputs(keys).weighted();
}
