import { describe, expect, it } from "vitest";
import { chunked, sendBatchKey } from "./send-batch";

const a = "0b6c2f0e-8a3b-4c1d-9e2f-000000000001";
const b = "0b6c2f0e-8a3b-4c1d-9e2f-000000000002";

describe("sendBatchKey", () => {
  it("depends only on the set of email ids", () => {
    expect(sendBatchKey([a, b])).toBe(sendBatchKey([b, a, a]));
    expect(sendBatchKey([a])).not.toBe(sendBatchKey([a, b]));
    expect(sendBatchKey([a, b])).toMatch(/^win-back-batch-[0-9a-f]{40}$/);
  });
});

describe("chunked", () => {
  it("keeps order and the size limit", () => {
    expect(chunked([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunked([], 100)).toEqual([]);
  });
});
