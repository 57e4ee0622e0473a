import { describe, expect, it } from "vitest";
import { allPositions, stableSortBy } from "./counting-sort";

describe("stableSortBy", () => {
  it("orders positions by their value, equal values keeping their order, as a stable sort would", () => {
    const values = Int32Array.from([3, 0, 2, 0, 3, 1, 2, 0]);
    const sorted = stableSortBy(allPositions(values.length), values);
    expect([...sorted]).toEqual([1, 3, 7, 5, 2, 6, 0, 4]);
    // The same as Array.prototype.sort, which is stable, on random keys.
    const random = Int32Array.from({ length: 1_000 }, (_, i) => (i * 7919) % 13);
    const expected = [...allPositions(random.length)].sort((a, b) => (random[a] ?? 0) - (random[b] ?? 0));
    expect([...stableSortBy(allPositions(random.length), random)]).toEqual(expected);
  });

  it("sorts only the positions given, and nothing at all", () => {
    const values = Int32Array.from([5, 4, 3, 2, 1]);
    expect([...stableSortBy(Int32Array.from([4, 0, 2]), values)]).toEqual([4, 2, 0]);
    expect([...stableSortBy(new Int32Array(0), values)]).toEqual([]);
  });
});
