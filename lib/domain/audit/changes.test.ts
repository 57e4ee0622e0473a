import { describe, expect, it } from "vitest";
import { changedFields } from "./changes";

describe("changedFields", () => {
  it("lists nested fields that differ, and skips timestamps", () => {
    expect(
      changedFields(
        { weights: { recency: 0.45, value: 0.15 }, name: "A", updatedAt: "x" },
        { weights: { recency: 0.5, value: 0.15 }, name: "A", updatedAt: "y", extra: [1] },
      ),
    ).toEqual([
      { field: "weights.recency", before: 0.45, after: 0.5 },
      { field: "extra", before: undefined, after: [1] },
    ]);
  });

  it("treats a missing before (a creation) as every field new", () => {
    expect(changedFields(null, { role: "stylist" })).toEqual([{ field: "role", before: undefined, after: "stylist" }]);
  });
});
