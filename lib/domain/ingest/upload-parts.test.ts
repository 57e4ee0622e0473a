import { describe, expect, it } from "vitest";
import { expectedPartBytes, missingParts, partCount } from "./upload-parts";

describe("upload parts", () => {
  it("splits a file into full parts and a shorter last one", () => {
    expect(partCount(10, 4)).toBe(3);
    expect(partCount(8, 4)).toBe(2);
    expect([0, 1, 2].map((i) => expectedPartBytes(i, 10, 4))).toEqual([4, 4, 2]);
    expect(expectedPartBytes(1, 8, 4)).toBe(4);
  });

  it("has no part outside the file", () => {
    expect(expectedPartBytes(3, 10, 4)).toBeNull();
    expect(expectedPartBytes(-1, 10, 4)).toBeNull();
    expect(expectedPartBytes(0.5, 10, 4)).toBeNull();
  });

  it("names the parts still missing", () => {
    expect(missingParts([0, 2], 10, 4)).toEqual([1]);
    expect(missingParts([2, 1, 0, 1], 10, 4)).toEqual([]);
  });
});
