import { describe, expect, it } from "vitest";
import { isReviewQueue, queueFiltersSchema } from "./queue-filters";

describe("isReviewQueue", () => {
  it("is the plain pending queue, and nothing narrower or other", () => {
    expect(isReviewQueue(queueFiltersSchema.parse({}))).toBe(true);
    expect(isReviewQueue(queueFiltersSchema.parse({ status: "sent" }))).toBe(false);
    expect(isReviewQueue(queueFiltersSchema.parse({ tier: "lapsed" }))).toBe(false);
    expect(isReviewQueue(queueFiltersSchema.parse({ from: "2026-01-01" }))).toBe(false);
  });
});
