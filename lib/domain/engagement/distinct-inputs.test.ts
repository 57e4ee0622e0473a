import { describe, expect, it } from "vitest";
import { groupedLogLikelihood, groupHistories } from "./bgnbd-likelihood";
import { bgNbdInputKey, bgNbdInputOfKey, bgNbdKeyOf, bgNbdKeyOfFigures, DistinctBgNbdInputs, groupBgNbdInputs } from "./distinct-inputs";
import { EMPTY_CLIENT_HISTORY, summariseHistory } from "./history";
import { sampleBgNbdInputs } from "@/test/domain/bgnbd-inputs";

const AS_OF = new Date("2026-06-01T00:00:00Z");
const DAY = 86_400_000;

/** A deterministic spread of whole-day histories: x 0–11, t_x and T over two years, many shared. */
describe("BG/NBD input keys", () => {
  it("round-trip whole-day inputs and order them by x, then t_x, then T", () => {
    const inputs = [
      { x: 3, tx: 10 / 7, T: 40 / 7 },
      { x: 0, tx: 0, T: 700 / 7 },
      { x: 3, tx: 10 / 7, T: 39 / 7 },
      { x: 8191, tx: 365_000 / 7, T: 700_000 / 7 },
    ];
    for (const input of inputs) expect(bgNbdInputOfKey(bgNbdInputKey(input))).toEqual(input);
    const keys = inputs.map(bgNbdInputKey);
    expect([...keys].sort((a, b) => a - b)).toEqual([keys[1], keys[2], keys[0], keys[3]]);
  });

  it("refuse inputs beyond what one number holds exactly, instead of mixing two histories up", () => {
    expect(() => bgNbdInputKey({ x: 8192, tx: 1, T: 2 })).toThrow(RangeError);
    expect(() => bgNbdInputKey({ x: 1, tx: 1, T: 2 ** 20 / 7 })).toThrow(RangeError);
  });

  it("are NaN, not an error, for a history beyond what a key holds: that client alone goes without the model", () => {
    const asOfMs = AS_OF.getTime();
    expect(Number.isNaN(bgNbdKeyOfFigures(9_000, asOfMs - 9_500 * DAY, asOfMs - DAY, asOfMs))).toBe(true);
    expect(bgNbdKeyOfFigures(3, asOfMs - 40 * DAY, asOfMs - 10 * DAY, asOfMs)).toBe(bgNbdInputKey({ x: 2, tx: 30 / 7, T: 40 / 7 }));
  });

  it("are NaN for a client who never ordered, who is then left out", () => {
    const ordered = summariseHistory([{ orderedAt: new Date(AS_OF.getTime() - 30 * DAY), itemsShipped: 5, itemsKept: 2, valueCents: 100, status: "shipped" }], AS_OF);
    const keys = Float64Array.of(bgNbdKeyOf(EMPTY_CLIENT_HISTORY, AS_OF), bgNbdKeyOf(ordered, AS_OF));
    expect(Number.isNaN(keys[0])).toBe(true);
    const distinct = new DistinctBgNbdInputs(keys);
    expect(distinct.size).toBe(1);
    expect(distinct.weighted()).toEqual([{ x: 0, tx: 0, T: 30 / 7, count: 1 }]);
    expect([...distinct.indexOfInput]).toEqual([-1, 0]);
  });
});

describe("DistinctBgNbdInputs", () => {
  const inputs = sampleBgNbdInputs(5_000);
  const distinct = new DistinctBgNbdInputs(Float64Array.from(inputs, bgNbdInputKey));

  it("counts every client once under its own input", () => {
    const weighted = distinct.weighted();
    expect(weighted.reduce((sum, w) => sum + (w.count ?? 0), 0)).toBe(inputs.length);
    expect(weighted.length).toBe(new Set(inputs.map(bgNbdInputKey)).size);
    expect(weighted.length).toBeLessThan(inputs.length);
    inputs.forEach((input, i) => expect(distinct.input(distinct.indexOfInput[i] ?? -1)).toEqual(input));
  });

  it("groups for the likelihood exactly as the generic grouping does", () => {
    const fast = distinct.grouped();
    const generic = groupHistories(distinct.weighted());
    expect(fast.distinctHistories).toBe(generic.distinctHistories);
    expect(fast.customerCount).toBe(generic.customerCount);
    expect(fast.groups.map((g) => [g.x, g.customerCount, g.counts.length])).toEqual(generic.groups.map((g) => [g.x, g.customerCount, g.counts.length]));
    for (const params of [
      { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
      { r: 7, alpha: 60, a: 2.5, b: 141 },
    ]) {
      const a = groupedLogLikelihood(params, fast);
      const b = groupedLogLikelihood(params, generic);
      expect(a.logLikelihood).toBeCloseTo(b.logLikelihood, 6);
      a.gradientLog.forEach((g, i) => expect(g).toBeCloseTo(b.gradientLog[i] ?? Number.NaN, 6));
    }
  });

  it("merges inputs already counted into the same distinct inputs as one key per client", () => {
    const fromWeighted = DistinctBgNbdInputs.ofWeighted(distinct.weighted());
    expect([...fromWeighted.keys]).toEqual([...distinct.keys]);
    expect([...fromWeighted.counts]).toEqual([...distinct.counts]);
    const doubled = DistinctBgNbdInputs.ofWeighted([...distinct.weighted(), ...distinct.weighted()]);
    expect([...doubled.counts]).toEqual([...distinct.counts].map((c) => 2 * c));
  });

  it("coarsens times to whole steps, keeping every client, T positive and t_x within T", () => {
    const coarse = distinct.coarsened(28);
    expect(coarse.size).toBeLessThan(distinct.size / 2);
    expect(coarse.weighted().reduce((sum, w) => sum + (w.count ?? 0), 0)).toBe(inputs.length);
    for (const w of coarse.weighted()) {
      expect((w.T * 7) % 28).toBe(0);
      expect(w.T).toBeGreaterThan(0);
      expect(w.tx).toBeLessThanOrEqual(w.T);
      if (w.x === 0) expect(w.tx).toBe(0);
      else expect((Math.round(w.tx * 7)) % 28).toBe(0);
    }
    // Each x keeps its clients: coarsening moves times, never frequencies.
    const byX = (d: DistinctBgNbdInputs) => d.grouped().groups.map((g) => [g.x, g.customerCount]);
    expect(byX(coarse)).toEqual(byX(distinct));
  });

  it("matches groupBgNbdInputs on histories", () => {
    const histories = [10, 40, 40, 400].map((days) =>
      summariseHistory([{ orderedAt: new Date(AS_OF.getTime() - days * DAY), itemsShipped: 5, itemsKept: 2, valueCents: 100, status: "shipped" }], AS_OF),
    );
    expect(groupBgNbdInputs(histories, AS_OF)).toEqual([
      { x: 0, tx: 0, T: 10 / 7, count: 1 },
      { x: 0, tx: 0, T: 40 / 7, count: 2 },
      { x: 0, tx: 0, T: 400 / 7, count: 1 },
    ]);
  });
});

describe("DistinctBgNbdInputs order", () => {
  const expectSortedAndIndexed = (keys: Float64Array, distinct: DistinctBgNbdInputs) => {
    const expected = Float64Array.from(new Set([...keys].filter((key) => !Number.isNaN(key)))).sort();
    expect([...distinct.keys]).toEqual([...expected]);
    keys.forEach((key, i) => expect(distinct.indexOfInput[i]).toBe(Number.isNaN(key) ? -1 : expected.indexOf(key)));
  };

  it("sorts the keys numerically (x, then t_x, then T) and tells each client where its key went", () => {
    const keys = Float64Array.from([...sampleBgNbdInputs(3_000).map(bgNbdInputKey), Number.NaN, bgNbdInputKey({ x: 0, tx: 0, T: 1 / 7 })]);
    expectSortedAndIndexed(keys, new DistinctBgNbdInputs(keys));
  });

  it("sorts histories spread over centuries and thousands of order days", () => {
    const spread = [{ x: 8191, tx: 365_000 / 7, T: 700_000 / 7 }, { x: 8191, tx: 1 / 7, T: 700_000 / 7 }, { x: 1, tx: 699_999 / 7, T: 700_000 / 7 }];
    const keys = Float64Array.from([...sampleBgNbdInputs(200), ...spread], bgNbdInputKey);
    expectSortedAndIndexed(keys, new DistinctBgNbdInputs(keys));
  });

  it("adds up the weights of equal keys", () => {
    const [a, b] = [bgNbdInputKey({ x: 1, tx: 1, T: 2 }), bgNbdInputKey({ x: 0, tx: 0, T: 3 })];
    const distinct = new DistinctBgNbdInputs(Float64Array.of(a, b, a, Number.NaN), [5, 2, 4, 100]);
    expect([...distinct.keys]).toEqual([b, a]);
    expect([...distinct.counts]).toEqual([2, 9]);
    expect([...distinct.indexOfInput]).toEqual([1, 0, 1, -1]);
  });

  it("is empty for no keys", () => {
    expect(new DistinctBgNbdInputs(new Float64Array(0)).size).toBe(0);
    expect(new DistinctBgNbdInputs(Float64Array.of(Number.NaN)).indexOfInput[0]).toBe(-1);
  });
});
