import { describe, expect, it } from "vitest";
import type { BgNbdParams } from "./bgnbd";
import { bgNbdInputKey, DistinctBgNbdInputs } from "./distinct-inputs";
import { forecastFor } from "./forecast";
import { ForecastTable } from "./forecast-table";
import { sampleBgNbdInputs } from "@/test/domain/bgnbd-inputs";

const AS_OF = new Date("2026-06-01T00:00:00Z");
// CDNOW's published fit, and one like the demo data's (steadier buyers, slower to leave).
const PARAMS: BgNbdParams[] = [
  { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
  { r: 7.24, alpha: 60.6, a: 1.04, b: 59.6 },
];

describe("ForecastTable", () => {
  const inputs = sampleBgNbdInputs(4_000);
  const distinct = new DistinctBgNbdInputs(Float64Array.from(inputs, bgNbdInputKey));

  it.each(PARAMS)("gives every input exactly the forecast made for it alone (%o)", (params) => {
    const table = new ForecastTable({ model: "bgnbd", params }, distinct);
    let surelyGone = 0;
    inputs.forEach((input, i) => {
      const slot = table.slotAt(distinct.indexOfInput[i] ?? -1);
      const alone = forecastFor({ model: "bgnbd", params }, input, AS_OF);
      expect(slot).toBeGreaterThanOrEqual(0);
      expect(table.pAliveAt(slot)).toBe(alone.pAlive);
      expect(table.expectedOrders90At(slot)).toBe(alone.expectedOrdersNext90Days);
      expect(table.pOrder90At(slot)).toBe(alone.pOrder90d);
      if (alone.expectedOrdersNext90Days < 0.01) surelyGone++;
    });
    // Both kinds of client are covered: some expected to order, some all but gone.
    expect(surelyGone).toBeGreaterThan(0);
    expect(surelyGone).toBeLessThan(inputs.length);
  });

  it("has no forecast for a client who never ordered", () => {
    expect(new ForecastTable({ model: "bgnbd", params: PARAMS[0] as BgNbdParams }, distinct).slotAt(-1)).toBe(-1);
  });
});

describe("DistinctBgNbdInputs.frequencyAgePairs", () => {
  it("numbers each (x, T) once, shared by the inputs that have it", () => {
    const inputs = sampleBgNbdInputs(2_000);
    const distinct = new DistinctBgNbdInputs(Float64Array.from(inputs, bgNbdInputKey));
    const { pairOf, pairs } = distinct.frequencyAgePairs();
    const byPair = new Map<number, string>();
    for (let i = 0; i < distinct.size; i++) {
      const { x, T } = distinct.input(i);
      const pair = pairOf[i] ?? -1;
      expect(byPair.get(pair) ?? `${x}/${T}`).toBe(`${x}/${T}`);
      byPair.set(pair, `${x}/${T}`);
    }
    expect(byPair.size).toBe(pairs);
    expect(new Set(byPair.values()).size).toBe(pairs);
    expect(pairs).toBeLessThan(distinct.size);
  });
});
